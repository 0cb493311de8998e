//! Print the hand-set v1 model (README "How a score is made") as JSON, the form `screen
//! --model FILE` reads: to screen with fixed weights instead of learned ones, for example to
//! compare the two on the same data (`bench/accuracy.sh defaults`).
//!
//! Usage: cargo run --release --example default_model > v1-model.json

fn main() {
    println!("{}", dpt_screen::model::Model::default().to_json());
}
