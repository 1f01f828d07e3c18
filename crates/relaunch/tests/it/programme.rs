//! The programme on the command line: `simulate --help` names the files a programme adds.

use crate::support::{relaunch, stdout_of};

#[test]
fn help_names_the_programmes_files() {
    let help = stdout_of(&relaunch(&["simulate", "--help"]));
    let help = help.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        help.contains("and tasks.csv and risks.csv when the scenario has a programme"),
        "{help}"
    );
    assert!(help.contains("(with tasks or risks, also tasks.csv and risks.csv)"));
}
