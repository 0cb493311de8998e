//! Travel and stay documents: passport numbers shaped like each issuer's, permit types (ITAS, ITAP,
//! ITK; DOMAIN §4.1) and permit register numbers. No public format exists for the latter (DOMAIN §4.3),
//! so they are opaque strings like `2C11AB1234567`.

use super::rng::Rng;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Permit {
    Itas,
    Itap,
    Itk,
}

fn digits(rng: &mut Rng, n: usize, out: &mut String) {
    for _ in 0..n {
        out.push((b'0' + rng.below(10) as u8) as char);
    }
}

fn letters(rng: &mut Rng, n: usize, alphabet: &[u8], out: &mut String) {
    for _ in 0..n {
        out.push(*rng.pick(alphabet) as char);
    }
}

const AZ: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ";

/// A passport number with the usual shape for the issuing country (opaque to the matcher).
pub(super) fn passport(rng: &mut Rng, code: &str) -> String {
    let mut s = String::with_capacity(9);
    match code {
        "CHN" => {
            s.push('E');
            if rng.chance(0.6) {
                letters(rng, 1, b"ABCDEFGHJKLMNPQRSTUVWXYZ", &mut s);
                digits(rng, 7, &mut s);
            } else {
                digits(rng, 8, &mut s);
            }
        }
        "TWN" | "GBR" => digits(rng, 9, &mut s),
        "KOR" => {
            s.push('M');
            digits(rng, 3, &mut s);
            letters(rng, 1, AZ, &mut s);
            digits(rng, 4, &mut s);
        }
        "JPN" => {
            letters(rng, 2, b"MRTZ", &mut s);
            digits(rng, 7, &mut s);
        }
        "IND" | "VNM" | "AUS" => {
            letters(rng, 1, b"CKLMNPRSTUVZ", &mut s);
            digits(rng, 7, &mut s);
        }
        "PAK" | "BGD" | "THA" => {
            letters(rng, 2, AZ, &mut s);
            digits(rng, 7, &mut s);
        }
        "PHL" => {
            s.push('P');
            digits(rng, 7, &mut s);
            letters(rng, 1, AZ, &mut s);
        }
        "NLD" => {
            letters(rng, 2, b"ABCDEFGHIJKLMNPRSTUVWXYZ", &mut s);
            letters(rng, 6, b"0123456789ABCDEFGHJKLMNPRSTUVWXYZ", &mut s);
            digits(rng, 1, &mut s);
        }
        "DEU" => {
            letters(rng, 1, b"CFGHJK", &mut s);
            letters(rng, 8, b"0123456789CFGHJKLMNPRTVWXYZ", &mut s);
        }
        "FRA" => {
            digits(rng, 2, &mut s);
            letters(rng, 2, AZ, &mut s);
            digits(rng, 5, &mut s);
        }
        "YEM" | "TLS" => digits(rng, 8, &mut s),
        _ => {
            letters(rng, 1, b"ABHK", &mut s);
            digits(rng, 8, &mut s);
        }
    }
    s
}

pub(super) fn permit_number(rng: &mut Rng, permit: Permit) -> String {
    let mut s = String::with_capacity(13);
    let indexes: &[&str] = match permit {
        Permit::Itas => &["2C11", "2C12", "2C21", "2C22", "2C31", "2D11"],
        Permit::Itap => &["2E11", "2E21", "2E31"],
        Permit::Itk => &["1D11", "1D21", "1B11"],
    };
    let index = *rng.pick(indexes);
    s.push_str(index);
    letters(rng, 2, AZ, &mut s);
    digits(rng, 7, &mut s);
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passport_numbers_have_their_country_shape() {
        let mut rng = Rng::new(4, &[]);
        let cases = [
            ("CHN", 9),
            ("JPN", 9),
            ("KOR", 9),
            ("IND", 8),
            ("PHL", 9),
            ("GBR", 9),
            ("DEU", 9),
        ];
        for (code, len) in cases {
            for _ in 0..50 {
                let p = passport(&mut rng, code);
                assert_eq!(p.len(), len, "{code}: {p}");
                assert!(p.bytes().all(|b| b.is_ascii_alphanumeric()), "{code}: {p}");
            }
        }
    }
}
