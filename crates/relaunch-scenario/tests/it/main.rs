//! Integration tests of the scenario reader: one binary, one module per concern.
#[test]
fn scratch() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    match relaunch_scenario::load_file(&dir.join("full.toml")) {
        Ok(s) => println!("{s:#?}"),
        Err(d) => println!("{d}"),
    }
    let bad = "[scenario]\nname = 3\nstart = \"2024-02-30\"\nhorizon = 450\n\n[[station]]\nid = \"a\"\ncycel = \"5min\"\n\n[[station]]\nid = \"a\"\ncycle = { dist = \"expo\", mean = \"1min\" }\n\n[[product]]\nid = \"p\"\nroute = [\"b\"]\n";
    match relaunch_scenario::load_str("bad.toml", bad) {
        Ok(s) => println!("{s:#?}"),
        Err(d) => println!("{d}"),
    }
}
