//! Known name words: single syllables of Chinese, Korean and Vietnamese names, and common
//! given names, for telling a typo from another name.
//!
//! A one-letter difference between two tokens is usually a typo (DONG/DOBG, CHEN/CHRN): a
//! typo rarely makes another real name. Between two *known* words it is usually another
//! name: ZHANG/ZHENG, MING/MINH, HYUN/HYUK, LIAN/KIAN, ARIF/ARIS, DIAN/DINA, MARK/MARY are
//! different people, whatever the spelling distance says. The typo rule in `similar.rs`
//! therefore does not pair two tokens that are both listed here (the `KNOWN` flag of the
//! word table, `words.rs`); a typo that happens to make another listed name is missed, the
//! price of not pairing siblings. Words of three letters or more (after folding) are
//! flagged: a three-letter token is paired as a typo only with a token that is *not* known.
//!
//! Sources: general knowledge, written down for these lists (not taken from any data set):
//! the Hanyu Pinyin syllable table (generated below from its initials and finals, which
//! over-generates a few syllables that do not exist; that only makes the typo rule a little
//! more careful), common Wade-Giles, Cantonese and Hokkien/Indonesian-Chinese name syllables,
//! common Korean name syllables in Revised Romanization and the usual passport spellings,
//! common Vietnamese name syllables without diacritics, and common Indonesian, Malay,
//! Arabic and international given names (DOMAIN §5.5 for the most frequent Indonesian ones).

/// Pinyin initials with the finals they take.
#[rustfmt::skip]
pub(super) const PINYIN: &[(&str, &str)] = &[
    ("", "A AI AN ANG AO E EI EN ENG ER O OU"),
    ("B", "A AI AN ANG AO EI EN ENG I IAN IAO IE IN ING O U"),
    ("P", "A AI AN ANG AO EI EN ENG I IAN IAO IE IN ING O OU U"),
    ("M", "A AI AN ANG AO E EI EN ENG I IAN IAO IE IN ING IU O OU U"),
    ("F", "A AN ANG EI EN ENG O OU U"),
    ("D", "A AI AN ANG AO E EI EN ENG I IAN IAO IE ING IU ONG OU U UAN UI UN UO"),
    ("T", "A AI AN ANG AO E ENG I IAN IAO IE ING ONG OU U UAN UI UN UO"),
    ("N", "A AI AN ANG AO E EI EN ENG I IAN IANG IAO IE IN ING IU ONG OU U UAN UE UO"),
    ("L", "A AI AN ANG AO E EI ENG I IA IAN IANG IAO IE IN ING IU O ONG OU U UAN UE UN UO"),
    ("G", "A AI AN ANG AO E EI EN ENG ONG OU U UA UAI UAN UANG UI UN UO"),
    ("K", "A AI AN ANG AO E EI EN ENG ONG OU U UA UAI UAN UANG UI UN UO"),
    ("H", "A AI AN ANG AO E EI EN ENG ONG OU U UA UAI UAN UANG UI UN UO"),
    ("J", "I IA IAN IANG IAO IE IN ING IONG IU U UAN UE UN"),
    ("Q", "I IA IAN IANG IAO IE IN ING IONG IU U UAN UE UN"),
    ("X", "I IA IAN IANG IAO IE IN ING IONG IU U UAN UE UN"),
    ("ZH", "A AI AN ANG AO E EI EN ENG I ONG OU U UA UAI UAN UANG UI UN UO"),
    ("CH", "A AI AN ANG AO E EN ENG I ONG OU U UA UAI UAN UANG UI UN UO"),
    ("SH", "A AI AN ANG AO E EI EN ENG I OU U UA UAI UAN UANG UI UN UO"),
    ("R", "AN ANG AO E EN ENG I ONG OU U UA UAN UI UN UO"),
    ("Z", "A AI AN ANG AO E EI EN ENG I ONG OU U UAN UI UN UO"),
    ("C", "A AI AN ANG AO E EN ENG I ONG OU U UAN UI UN UO"),
    ("S", "A AI AN ANG AO E EN ENG I ONG OU U UAN UI UN UO"),
    ("Y", "A AN ANG AO E I IN ING O ONG OU U UAN UE UN"),
    ("W", "A AI AN ANG EI EN ENG O U"),
];

/// Other Chinese name syllables: Wade-Giles, Cantonese, Hokkien/Teochew/Hakka, and the
/// Dutch-era Indonesian spellings of Hokkien names.
#[rustfmt::skip]
pub(super) const CHINESE: &[&str] = &[
    // Wade-Giles
    "HSIA", "HSIAO", "HSIANG", "HSIEH", "HSIEN", "HSIN", "HSING", "HSIU", "HSIUNG", "HSU",
    "HSUAN", "HSUEH", "HSUN", "CHIA", "CHIAO", "CHIANG", "CHIEH", "CHIEN", "CHIH", "CHIN",
    "CHING", "CHIU", "CHIUNG", "CHUAN", "CHUEH", "CHUN", "CHUNG", "KUEI", "KUNG", "TSAI",
    "TSAN", "TSANG", "TSAO", "TSEN", "TSENG", "TSOU", "TSUI", "TSUN", "TSUNG", "TZU", "SSU",
    "JUNG", "JUAN", "JUI", "YUNG", "YUEH", "TUNG", "TIEN", "LIEN", "LUNG", "NUNG", "PIEN",
    "MIEN", "HUNG", "SUNG", "YIEN",
    // Cantonese
    "CHEUNG", "LEUNG", "WONG", "CHAN", "CHOW", "YEUNG", "CHEONG", "KWOK", "KWAN", "KWONG",
    "FUNG", "TSOI", "TONG", "YUEN", "SHUM", "CHUI", "CHOI", "CHOY", "KEUNG", "HEUNG",
    "SHEUNG", "CHEUK", "SHING", "SING", "HING", "KING", "WING", "KWAI", "KWUN", "YIU", "SIU",
    "HOI", "LOI", "TAK", "KEI", "WAH", "WAI", "FAI", "KAM", "SHAN", "SHUN", "LAU", "LAM",
    "POON", "YUET", "MAN", "MUI", "NGAI", "CHUEN", "CHIK", "CHEUK", "LOK", "MOK", "KWOK",
    // Hokkien, Teochew, Hakka, Indonesian spellings
    "GIOK", "SIOK", "LIONG", "KIAN", "HOK", "BOK", "KOK", "TJOEN", "TJIE", "TJAY", "BWEE",
    "SIAN", "LIAN", "GIE", "TIONG", "HWA", "HOEI", "SWIE", "TIK", "TIANG", "DJIN", "SOE",
    "YOE", "SIOE", "BOEN", "KENG", "SENG", "BENG", "HENG", "LENG", "KHIM", "KHOEN", "TJIN",
    "TJOE", "GOAN", "HIAN", "HIANG", "HOAY", "KWEE", "LIEM", "LIEP", "SIANG", "SOEN", "SWAN",
    "THIAM", "THIO", "TJEN", "TJENG", "TJHAN", "TJIONG", "TJOA", "TJONG", "KIONG", "KHING",
    "KIEM", "HWIE", "GWAN", "GWAT", "BIAUW", "LIAUW", "KHOO", "QUEK", "CHUA", "TEOH", "YEOH",
    "CHEAH", "SEAH", "CHEW", "LIEW", "HIEW", "KHOR", "PHANG", "PHUA", "LIOE", "TJIOE",
    "SIONG", "HIONG", "NGIAP", "KHENG", "THIAN", "THIEN", "THENG", "KHIAM", "KHIANG",
];

/// Korean name syllables (surnames and given-name syllables).
#[rustfmt::skip]
pub(super) const KOREAN: &[&str] = &[
    "PARK", "CHOI", "JUNG", "JEONG", "KANG", "YOON", "JANG", "SHIN", "KWON", "HWANG", "SONG",
    "HONG", "JEON", "MOON", "BAEK", "KWAK", "SUNG", "CHAE", "CHUN", "BANG", "GONG", "HYUN",
    "GEUM", "YOOK", "MAENG", "KOOK", "CHEON", "KYUNG", "KEUM", "MYEONG", "MYUNG", "SEOL",
    "BYUN", "BYEON", "YEOM", "RHEE", "CHOE", "JOON", "HYEON", "HYUK", "HYEOK", "YOUNG",
    "YEONG", "SEONG", "HOON", "WOOK", "GYEONG", "KYOUNG", "CHUL", "CHEOL", "SEOK", "BEOM",
    "SEUNG", "JONG", "CHAN", "SEON", "GEON", "HYUNG", "HYEONG", "BONG", "DEOK", "YEOP",
    "SOOK", "SOON", "GEUN", "KEUN", "HWAN", "KWANG", "GWANG", "CHANG", "DONG", "SANG",
    "YONG", "HYUN", "YEON", "EUN", "HWA", "NAM", "JOO", "RYU", "GYU", "KYU", "HYE", "HEE",
    "JIN", "MIN", "SEO", "JUN", "WOO", "JAE", "YUN", "WON", "SOO", "BIN", "SIK", "TAE",
    "HAN", "HYO", "RIM", "RIN", "GUN", "MAN", "PIL", "DAE", "BUM", "SUK", "SUN", "NAM",
];

/// Vietnamese name syllables.
#[rustfmt::skip]
pub(super) const VIETNAMESE: &[&str] = &[
    "NGUYEN", "TRAN", "PHAM", "HOANG", "HUYNH", "PHAN", "VUONG", "DUONG", "TRUONG", "TRINH",
    "DINH", "DOAN", "NGUYET", "MINH", "ANH", "HUNG", "DUNG", "TRUNG", "THANH", "TUAN", "LINH",
    "HOA", "HUONG", "NGOC", "QUANG", "DUC", "HAI", "LONG", "THAO", "TRANG", "KHANH", "HIEU",
    "HUY", "PHUONG", "THUY", "HANH", "HIEN", "TUNG", "BINH", "CUONG", "DUY", "KHOA", "NHUNG",
    "PHUC", "QUAN", "QUYNH", "TIEN", "VINH", "XUAN", "CHAU", "DIEP", "GIANG", "HIEP", "HOAI",
    "KIEN", "LOAN", "LUAN", "NHAT", "OANH", "PHONG", "QUOC", "SANG", "THAI", "THANG", "THIEN",
    "THINH", "THONG", "TOAN", "TRUC", "TUYET", "UYEN", "VIET", "KHANG", "KHOI", "KHUE",
    "LUONG", "NGHIA", "PHAT", "SINH", "THAN", "THUAN", "TRIEU", "TUONG", "DIEU", "HUAN",
    "KHAI", "XUYEN", "LIEN", "LOC", "DAT", "TAM", "TAI", "THU", "TRI", "YEN", "BAO", "HAU",
];

/// Common given names (Indonesian, Malay, Arabic, international) that are one letter away
/// from another common name.
#[rustfmt::skip]
pub(super) const GIVEN: &[&str] = &[
    // Indonesian and Malay
    "AGUS", "ANDI", "ANDRI", "ANTO", "ANTI", "ASEP", "ASIH", "BAYU", "BENI", "BUDI", "CICI",
    "DANI", "DANU", "DEDI", "DEDE", "DENI", "DEWA", "DEWI", "DIAN", "DINA", "DINI", "DONI",
    "DODI", "DINO", "DONO", "DIMAS", "DITA", "DIKA", "ELSA", "ENDAH", "ERNA", "ERNI", "FANI",
    "FERI", "FITRI", "FAJAR", "GITA", "HADI", "HANI", "HANA", "HARI", "HENI", "HENDRA",
    "HERU", "HERI", "IMAM", "IMAN", "INDAH", "INTAN", "IRMA", "IRNA", "IWAN", "JOKO", "JONI",
    "JUNI", "KIKI", "LINA", "LINDA", "LENI", "LISA", "LUSI", "LILI", "MAYA", "MEGA", "MELI",
    "MIRA", "MIRNA", "NANA", "NANI", "NINA", "NITA", "NOVI", "NENI", "NONI", "PUTRI", "PUTRA",
    "RANI", "RATNA", "RENI", "RIKA", "RIKI", "RINA", "RINI", "RINO", "RIRI", "RITA", "RIMA",
    "RIZKI", "RIZKA", "ROSA", "ROSI", "RUDI", "RONI", "SANI", "SARI", "SINTA", "SANTI",
    "SISKA", "SONI", "SUCI", "SUSI", "TATI", "TINA", "TINI", "TONI", "TUTI", "TITIN", "TITI",
    "WATI", "WAWAN", "WIDI", "WINA", "WENI", "WULAN", "YANI", "YANTI", "YENI", "YOGA", "YUDI",
    "YULI", "YUNI", "YANA", "YAYAN", "YUYUN", "SUTRISNO", "SLAMET", "MULYADI", "HERMAN",
    "HARMAN", "SUPARDI", "SUPARMAN", "WAHYUDI", "JUNAIDI", "SUMARNI", "SUMIATI", "SULASTRI",
    // Arabic and Muslim names
    "AHMAD", "AMIN", "AMIR", "AMIRA", "AMINA", "ANIS", "ANISA", "ARIF", "ARIFA", "ARIS",
    "ASIF", "ASMA", "AZIZ", "AZIZA", "DAUD", "FAHMI", "FAIZ", "FARID", "FARIDA", "FAUZI",
    "FIKRI", "HAFIZ", "HAKIM", "HALIM", "HAMID", "HAMIDA", "HANIF", "HASAN", "HUSNI", "ILHAM",
    "IMRAN", "IRFAN", "IRWAN", "JAMAL", "JAMIL", "KAMAL", "KAMIL", "KARIM", "KARIMA", "LATIF",
    "MAJID", "MALIK", "NABIL", "NAIM", "NASIR", "RAFI", "RAHIM", "RAMLI", "RASYID", "RASHID",
    "RIDWAN", "RIZAL", "RIZWAN", "SAID", "SALIM", "SAMI", "SAMIR", "TARIQ", "UMAR", "USMAN",
    "WAHID", "YAHYA", "YASIN", "YUSUF", "ZAHRA", "ZAINAL", "ZAKI", "ZAKIR", "ZAHIR", "ZAINI",
    "RAHMAT", "RAHMAN", "RAHMA", "REZA", "RIZA", "HAMZA", "HASNA", "HUSNA", "SALMA", "SALWA",
    "NADIA", "NADIA", "NAILA", "LAILA", "LAILI", "FAISAL", "FAIZAL", "AKBAR", "AKRAM",
    // International
    "MARK", "MARY", "MIKE", "JOHN", "JOAN", "JEAN", "JANE", "JUNE", "ANNA", "ANNE", "ERIC",
    "ERIK", "ADAM", "ALAN", "DAVID", "DAVIS", "PAUL", "PAULA", "PETER", "PETRA", "SARA",
    "SARAH", "CARL", "KARL", "CARLA", "KARLA", "ROSE", "JOSE", "JOSH", "LUIS", "LUIZ", "EMMA",
    "ELLA", "EVAN", "IVAN", "DEAN", "SEAN", "RYAN", "JUAN", "TONY", "LEON", "LEONA", "MARIA",
    "MARIO", "MARTA", "MARTHA", "LUCAS", "LUKAS", "NINO", "NINA", "TINA", "GINA", "DINA",
];
