//! libFuzzer target: see `mille_fuzz::check_xlsx_xml` for what is checked.
#![no_main]

libfuzzer_sys::fuzz_target!(
    init: mille_fuzz::install_guard_aware_hook(),
    |data: &[u8]| {
        mille_fuzz::check_xlsx_xml(data);
    }
);
