//! The physical floor for the screening benchmark: read every record of a CSV and split it
//! into fields with the csv crate and one reused record, nothing else (no decoding, no
//! normalising). `bench/screen.sh` compares screening time with this.
//!
//! Usage: cargo run --release --example bare_parse -- FILE [DELIMITER]

use std::time::Instant;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let path = args.next().ok_or("usage: bare_parse FILE [DELIMITER]")?;
    let delimiter = args.next().map_or(b',', |d| d.as_bytes()[0]);
    let started = Instant::now();
    let file = std::fs::File::open(&path)?;
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .buffer_capacity(256 * 1024)
        .from_reader(file);
    let mut record = csv::ByteRecord::new();
    let (mut records, mut fields) = (0u64, 0u64);
    while reader.read_byte_record(&mut record)? {
        records += 1;
        fields += record.len() as u64;
    }
    let secs = started.elapsed().as_secs_f64();
    println!("records={records} fields={fields} seconds={secs:.3}");
    Ok(())
}
