//! libFuzzer target: see `mille_fuzz::check_values` for what is checked.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    mille_fuzz::check_values(data);
});
