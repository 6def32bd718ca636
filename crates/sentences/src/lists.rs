//! Built-in abbreviation and sentence-starter lists.
//!
//! The abbreviation lists are written by hand from general English usage; the
//! train splits of UD GUM and EWT were only used to check which ones occur.

/// How an abbreviation behaves when a period follows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum AbbrevKind {
    /// Comes before a name ("Mr.", "Gen."): never ends a sentence.
    Title,
    /// Comes before a number ("No. 5", "p. 55", "Fig. 3"): ends a sentence
    /// only when no number follows and a sentence starter does.
    NumberPrefix,
    /// Never ends a sentence in practice ("e.g.", "vs.", "cf.").
    Inner,
    /// Times of day ("a.m.", "p.m.").
    Time,
    /// Anything else ("Inc.", "Jan.", "etc."): ends a sentence when a likely
    /// sentence starter follows.
    General,
}

/// Abbreviations before a name. Matched with a capital first letter only.
pub(crate) const TITLES: &[&str] = &[
    "Mr", "Mrs", "Ms", "Mx", "Messrs", "Mmes", "Dr", "Drs", "Prof", "Profs", "Sen", "Sens", "Rep",
    "Reps", "Gov", "Govs", "Gen", "Lt", "Col", "Capt", "Cpt", "Cmdr", "Cdr", "Comdr", "Adm", "Maj",
    "Sgt", "Cpl", "Pvt", "Brig", "Rev", "Fr", "Hon", "Pres", "Supt", "Insp", "Det", "Amb", "Mt",
    "Ft", "Mme", "Mlle", "Msgr", "Atty", "Gens", "Lieut", "Ens", "Rt", "Sra", "Srta",
];

/// Abbreviations normally followed by a number.
pub(crate) const NUMBER_PREFIXES: &[&str] = &[
    "no", "nos", "vol", "vols", "fig", "figs", "p", "pp", "art", "sec", "secs", "ch", "chap", "op",
    "para", "pt", "ed", "eq", "eqs", "ref", "refs", "tab", "nr", "n°", "nº", "No", "Nos",
];

/// Abbreviations that in practice never end a sentence.
pub(crate) const INNER: &[&str] = &[
    "e.g", "i.e", "eg", "ie", "vs", "v", "cf", "viz", "approx", "ca", "c", "incl", "excl", "esp",
    "resp", "w", "w/o", "p.s", "ps", "p.p.s", "et al", "al",
];

/// Times of day.
pub(crate) const TIMES: &[&str] = &["a.m", "p.m", "am", "pm"];

/// Everything else: companies, months, days, places, units and Latin.
pub(crate) const GENERAL: &[&str] = &[
    "inc", "corp", "pvt", "Cia", "Cie", "ltd", "co", "cos", "bros", "plc", "llc", "llp", "assn",
    "assoc", "dept", "depts", "div", "est", "govt", "intl", "natl", "univ", "inst", "mfg", "etc",
    "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec", "Mon",
    "Tue", "Tues", "Wed", "Thu", "Thur", "Thurs", "Fri", "Sat", "St", "st", "Ave", "Blvd", "Rd",
    "Ln", "Hwy", "Pl", "Sq", "Ct", "Cres", "Mts", "Ala", "Ariz", "Ark", "Calif", "Colo", "Conn",
    "Del", "Fla", "Ga", "Ill", "Ind", "Kan", "Kans", "Ky", "La", "Md", "Mass", "Mich", "Minn",
    "Miss", "Mo", "Mont", "Neb", "Nebr", "Nev", "Okla", "Ore", "Oreg", "Pa", "Tenn", "Tex", "Va",
    "Vt", "Wash", "Wis", "Wisc", "Wyo", "mln", "bln", "mn", "bn", "dlrs", "yr", "yrs", "mos", "hr",
    "hrs", "mins", "sec", "oz", "lb", "lbs", "ft", "kg", "km", "cm", "pct", "avg", "misc", "dist",
    "tel", "ext", "attn", "encl", "cc", "bcc", "fwd", "abbr", "abt", "asst", "assoc", "bldg",
    "jct", "mgr", "mgmt", "mkt", "qtr", "rev", "sr", "jr", "ibid", "op", "cit", "seq", "ff", "Ph",
    "Esq", "Jr", "Sr", "Bros", "Ph.D", "M.D", "B.A", "M.A", "B.Sc", "M.Sc", "U.S", "U.K", "U.N",
    "E.U",
];
