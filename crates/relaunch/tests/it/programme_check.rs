//! A programme's mistakes on the command line: `check` names each at its line and column and
//! exits with 2.

use crate::support::relaunch;

#[test]
fn check_reports_a_cycle_and_an_unknown_task_with_exit_2() {
    let dir = crate::exports::scratch("programme-check");
    let path = dir.join("cycle.toml");
    std::fs::write(
        &path,
        "[scenario]\nname = \"cycle\"\nstart = \"2024-01-08\"\nhorizon = \"30d\"\n\n\
         [[station]]\nid = \"line\"\ncycle = \"1h\"\n\n\
         [[product]]\nid = \"car\"\nroute = [\"line\"]\n\n\
         [release]\nplan = [{ after = \"certificaton\", per_day = 4 }]\n\n\
         [[task]]\nid = \"retooling\"\nduration = \"30d\"\nafter = \"certification\"\n\n\
         [[task]]\nid = \"certification\"\nduration = \"20d\"\nafter = [\"retooling\"]\n",
    )
    .expect("written");
    let output = relaunch(&["check", path.to_str().expect("UTF-8 path")]);
    assert_eq!(output.status.code(), Some(2));
    let shown = String::from_utf8_lossy(&output.stderr);
    let name = path.display();
    assert!(
        shown.contains(&format!("{name}:15:19")) && shown.contains("did you mean `certification`?"),
        "{shown}"
    );
    assert!(
        shown.contains(&format!("{name}:20:9"))
            && shown.contains("`retooling` → `certification` → `retooling`"),
        "{shown}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}
