//! Romanisation variants: spellings of one name in different romanisation systems.
//!
//! Takes the folded form of a token (through the word table, `words.rs`) and says which
//! variant groups it belongs to; [`Sets::related`] says whether two tokens are listed together in
//! some group. A group lists spellings of *one* name (one Chinese surname, one Korean surname,
//! one Arabic name) in the systems a passport or a roll may use; every two spellings in one
//! group are variants of each other, and nothing else is. So the relation is not transitive:
//! LIN/LIM (Chinese 林) and LIM/IM (Korean 임) are variants, LIN/IM are not; NG pairs with
//! HUANG (黄, Hokkien) and with WU (吴, Cantonese), never HUANG with WU.
//!
//! A variant pair is a strong *fuzzy* match (`similar.rs`), never an exact one: the spellings
//! are evidence that the same name was written another way, not that it is the same person,
//! and a token alone is never evidence of anything (a Chinese surname on the roll says nothing
//! about nationality; DOMAIN §5.4).
//!
//! Sources: general knowledge of the romanisation systems, written down for this table (not
//! taken from any data set): Hanyu Pinyin, Wade-Giles, the Cantonese spellings of Hong Kong
//! and Macau documents, the Hokkien, Teochew and Hakka spellings usual in Southeast Asia
//! (including the Dutch-era Indonesian ones: TJ, OE), Vietnamese without diacritics (only
//! variants within Vietnamese: the Sino-Vietnamese reading of a Chinese surname, HOANG for
//! 黄, is another language's name, not another spelling of a person's name); Korean
//! Revised Romanization, McCune-Reischauer and the customary passport spellings (LEE, PARK);
//! the usual English, French, Malay/Indonesian and South Asian transliterations of Arabic
//! and Persian names. Spellings the general fold (`fold.rs`) already merges are listed where
//! it helps the reader; the table is applied to folded forms. A spelling whose fold collides
//! with a different group's spelling is left out (the `fold_collisions_stay_out` test), e.g.
//! Korean JANG (장), which folds like the Chinese YANG (杨).

/// Variant groups: every two spellings in a group are variants of each other.
#[rustfmt::skip]
pub(super) const GROUPS: &[&[&str]] = &[
    // Chinese surnames: Pinyin, Wade-Giles, Cantonese, Hokkien/Teochew/Hakka.
    &["ZHANG", "CHANG", "CHEUNG", "CHEONG", "TEO", "TIO"],                // 张
    &["CHEN", "CHAN", "TAN", "CHIN", "TJHIN"],                            // 陈
    &["LIN", "LIM", "LAM", "LIEM"],                                       // 林
    &["HUANG", "HWANG", "WONG", "NG", "OEI", "OOI", "WEE", "UY"],         // 黄
    &["WANG", "WONG", "ONG"],                                             // 王
    &["LI", "LEE", "LIE"],                                                // 李
    &["LIU", "LAU", "LAO", "LOW", "LIEW", "LEW"],                         // 刘
    &["WU", "NG", "GOH", "GO"],                                           // 吴
    &["ZHOU", "CHOU", "CHOW", "CHAU", "CHIU", "CHEW", "TJIOE"],           // 周
    &["ZHENG", "CHENG", "CHEANG", "TAY", "TEH"],                          // 郑
    &["ZHAO", "CHAO", "CHIU", "TEO", "TIO"],                              // 赵
    &["SUN", "SNG", "SUEN"],                                              // 孙
    &["YANG", "YEUNG", "YEO", "YEOH", "IEONG"],                           // 杨
    &["XU", "HSU", "HUI", "KHOO", "KOH"],                                 // 许
    &["XU", "HSU", "TSUI", "CHUI", "CHEE"],                               // 徐
    &["ZHU", "TJU", "CHUE"],                                              // 朱
    &["GUO", "KUO", "KWOK", "QUEK", "KWEE"],                              // 郭
    &["HE", "HO", "HOH", "HOR"],                                          // 何
    &["HU", "HO", "OU", "WU"],                                            // 胡
    &["GAO", "KAO", "KO", "KOH"],                                         // 高
    &["LUO", "LO", "LAW", "LOH", "LOR"],                                  // 罗
    &["LIANG", "LEUNG", "LEONG", "NEO", "NIO"],                           // 梁
    &["SONG", "SUNG", "SOONG"],                                           // 宋
    &["XIE", "HSIEH", "TSE", "CHEAH", "SEAH", "SIA", "TJIA"],             // 谢
    &["DENG", "TENG", "TANG"],                                            // 邓
    &["ZENG", "TSENG", "TSANG"],                                          // 曾
    &["CAI", "TSAI", "CHUA", "CHOI", "CHOY", "TJOA"],                     // 蔡
    &["YE", "YEH", "YAP", "YIP", "IP", "YEAP"],                           // 叶
    &["SHEN", "SHUM", "SIM"],                                             // 沈
    &["PENG", "PANG", "PHANG"],                                           // 彭
    &["LU", "LYU", "LUI"],                                                // 吕
    &["SU", "SOO", "SOH", "SO"],                                          // 苏
    &["MA", "MAH", "BEH"],                                                // 马
    &["PAN", "POON", "PHUA"],                                             // 潘
    &["ZHONG", "CHUNG", "CHONG", "TJONG"],                                // 钟
    &["JIANG", "CHIANG", "KIANG"],                                        // 江, 蒋
    &["HONG", "HUNG", "ANG"],                                             // 洪
    &["QIU", "CHIU", "KHOO", "YAU", "HIEW"],                              // 邱
    &["DU", "TU", "TOO", "DO"],                                           // 杜
    &["YUAN", "YUEN"],                                                    // 袁
    &["WEI", "NGAI", "GUI"],                                              // 魏
    &["FENG", "FUNG", "PHUNG"],                                           // 冯
    &["TANG", "TONG", "THNG"],                                            // 唐
    &["KONG", "HUNG"],                                                    // 孔
    &["SHI", "SZE"],                                                      // 施
    // Korean surnames: Revised Romanization, McCune-Reischauer, passport spellings.
    &["LEE", "YI", "RHEE", "RI"],                                         // 이
    &["KIM", "GIM"],                                                      // 김
    &["PARK", "PAK", "BAK", "BAHK"],                                      // 박
    &["CHOI", "CHOE", "CHOY", "CHWE"],                                    // 최
    &["JEONG", "JUNG", "CHUNG", "CHEONG", "JOUNG"],                       // 정
    &["KANG", "GANG"],                                                    // 강
    &["YOON", "YUN", "YOUN"],                                             // 윤
    &["LIM", "IM", "YIM", "RIM"],                                         // 임
    &["KO", "GO", "KOH"],                                                 // 고
    &["SEO", "SUH", "SEOH"],                                              // 서
    &["SHIN", "SIN"],                                                     // 신
    &["KWON", "KWEON", "GWON"],                                           // 권
    &["AHN", "AN"],                                                       // 안
    &["YOO", "YU", "RYU", "RYOO"],                                        // 유, 류
    &["JEON", "CHUN", "CHEON"],                                           // 전
    &["MOON", "MUN"],                                                     // 문
    &["BAE", "PAE"],                                                      // 배
    &["BAEK", "PAIK", "BAIK"],                                            // 백
    &["HEO", "HUH", "HUR"],                                               // 허
    &["NOH", "NO", "ROH", "RO"],                                          // 노
    &["KWAK", "GWAK"],                                                    // 곽
    &["SUNG", "SEONG"],                                                   // 성
    &["WOO", "WU"],                                                       // 우
    &["KU", "GU"],                                                        // 구
    &["SON", "SOHN"],                                                     // 손
    &["BYUN", "BYEON", "PYUN"],                                           // 변
    &["YEOM", "YUM"],                                                     // 염
    // Vietnamese.
    &["VO", "VU"],                                                        // 武 (Võ/Vũ)
    &["HUYNH", "HUINH", "HOANG"],                                         // 黄
    &["BUI", "BUY"],
    // Arabic, Persian and Urdu names: English, French, Malay/Indonesian transliterations.
    &["OMAR", "UMAR", "OMER", "UMER"],
    &["OSMAN", "USMAN", "UTHMAN", "OTHMAN", "UTSMAN"],
    &["HUSSEIN", "HUSSAIN", "HOSSAIN", "HUSAIN", "HOSSEIN", "HUSIN", "HUSEYIN", "HOSEN"],
    &["YOUSSEF", "YOUSEF", "YUSUF", "YOUSIF", "YUSOF", "YOSEF", "YUSUP"],
    &["MUSTAFA", "MOUSTAFA", "MOSTAFA", "MUSTAPHA", "MUSTOFA", "MOSTOFA"],
    &["KHALID", "KHALED", "KHALEED"],
    &["SALEH", "SOLEH", "SALIH", "SHOLEH", "SOLIH"],
    &["SAEED", "SAID", "SAEID"],
    &["WALEED", "WALID"],
    &["AISHA", "AISYAH", "AYESHA", "AISAH", "AICHA", "AYSHA"],
    &["YASSER", "YASIR", "YASER"],
    &["NASSER", "NASIR", "NASER"],
    &["IBRAHIM", "EBRAHIM", "IBRAHEEM", "IBROHIM", "IBRAHIEM"],
    &["ISMAIL", "ISMAEL", "ESMAIL", "ISMAYIL"],
    &["SULAIMAN", "SULEIMAN", "SULEYMAN", "SOLEIMAN", "SOLAIMAN", "SULAYMAN"],
    &["RIZWAN", "RIZUAN", "RIDWAN", "RIDHWAN", "REZWAN"],
    &["MARYAM", "MARIAM", "MERYEM"],
    &["ZAINAB", "ZAENAB", "ZEINAB", "ZAYNAB"],
    &["MAHMUD", "MAHMOUD", "MAHMOOD", "MEHMOOD"],
    &["ABDULLAH", "ABDALLAH"],
    &["FATIMA", "FATEMA", "FATMA"],
    &["KHADIJA", "KHADEEJA", "HADIJAH", "KHADIZA"],
    &["JAMAL", "GAMAL"],
    &["JAMILA", "JAMEELA", "GAMILA"],
    &["HASHIM", "HASHEM", "HASYIM"],
    &["AKTER", "AKHTER", "AKHTAR", "AKTAR"],
    &["KHATUN", "KHATOON"],
    &["BEGUM", "BEGAM"],
    &["HAQUE", "HOQUE", "HAQ"],
    &["SHEIKH", "SHAIKH", "SHEIK"],
    &["CHOWDHURY", "CHOUDHURY", "CHAUDHRY", "CHAUDHARY", "CHOUDHARY"],
    &["SIDDIQUI", "SIDDIQI", "SIDDIKI"],
    &["QURESHI", "QURAISHI", "KURESHI"],
    &["YAHYA", "YAHIA"],
    &["MUSA", "MOUSSA", "MOUSA"],
    &["ISA", "EISA"],
    &["ZAKARIA", "ZAKARIYA", "ZAKARIYYA"],
    &["RAMADAN", "RAMADHAN", "RAMZAN"],
    &["NUR", "NOOR", "NOUR"],
];

/// At most this many groups (the width of a [`Groups`] set).
pub(super) const MAX_GROUPS: usize = 256;

/// A set of group indices.
pub(super) type Groups = [u64; MAX_GROUPS / 64];

/// The groups of every table word that is in at least one, indexed by the word's `roman`
/// number (0 means none; filled by `words.rs` when it builds the word table).
pub(super) struct Sets(pub(super) Vec<Groups>);

impl Sets {
    /// Signature bits for the groups of `roman`: one bit per group, so two variants share
    /// a bit in `Name::signature` even when they share no letter pair (LEE/LI, TAN/CHEN).
    pub(super) fn signature(&self, roman: u16) -> u128 {
        let mut sig = 0u128;
        for (w, &word) in self.0[roman as usize].iter().enumerate() {
            let mut bits = word;
            while bits != 0 {
                let g = (w * 64 + bits.trailing_zeros() as usize) as u32;
                // Spread like the letter pairs, from a code no letter pair has (above 31 * 90).
                sig |= 1u128 << ((0x1_0000 + g).wrapping_mul(0x9E37_79B1) >> 25);
                bits &= bits - 1;
            }
        }
        sig
    }

    /// Tokens with `roman` numbers `a` and `b` (both nonzero) share a group.
    pub(super) fn related(&self, a: u16, b: u16) -> bool {
        let (x, y) = (&self.0[a as usize], &self.0[b as usize]);
        x.iter().zip(y).any(|(p, q)| p & q != 0)
    }
}

/// Add group `g` to `set`.
pub(super) fn insert(set: &mut Groups, g: usize) {
    set[g / 64] |= 1 << (g % 64);
}
