//! relaunch-report: result documents (JSON, CSV, HTML) built from core results.
