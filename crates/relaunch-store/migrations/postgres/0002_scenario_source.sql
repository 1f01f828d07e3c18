-- The scenario's TOML as a front end sent it (the server's uploads), kept beside the resolved
-- scenario (`content`, the version's identity) so that its comments and layout survive. NULL
-- for versions saved from a file by the command line. Keep in step with
-- ../sqlite/0002_scenario_source.sql.
ALTER TABLE scenario_versions ADD COLUMN source TEXT;
