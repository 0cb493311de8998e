//! Integration tests: the real binary on the committed fixtures and on small generated files.

mod accuracy;
mod docs;
mod errors;
mod screen;
mod util;
