//! The rule-based name tagger: capitalised token runs, split and typed.
//!
//! A run is a stretch of capitalised words, with connectors ("of", "for",
//! "and", "de", "bin") allowed between them. Each run is then cut into names
//! (titles stripped, connectors kept only where a name of that shape uses
//! them) and every name gets a label and a note of the evidence behind it,
//! which `link` uses to let strong names correct weak guesses. The tagger
//! only sees tokens and the gazetteer, so a learned model can replace it
//! behind the same [`NameMention`] output.

use crate::gazetteer::{Gazetteer, Source};
use crate::scan::{Tok, TokKind};
use crate::values::{is_weekday, month_number};
use newsmill_doc::Label;
use rustc_hash::FxHashSet;
use std::cell::OnceCell;

/// Why the tagger gave a name its label, weakest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Evidence {
    /// Nothing but the shape of the word.
    Guess,
    /// Listed as a surname.
    Surname,
    /// Listed as a first name.
    FirstName,
    /// An all-caps word, ORG unless its definition says otherwise.
    Acronym,
    /// A listed name.
    Listed(Source),
    /// A title or role word before it ("President", "leader").
    Title,
    /// An organisation, event or place word in it ("Court", "Summit").
    Structure,
}

/// Evidence of a name the learned model found: the model's type stands, but
/// a short mention may still join the full name it belongs to.
pub(crate) const MODEL_EVIDENCE: Evidence = Evidence::Acronym;

/// Turns the learned model's names into mentions: PER/ORG/LOC/MISC from the
/// model; MISC refined into NORP ("Russian", "Democrats") and EVENT ("World
/// Cup", "Olympics") from the lists and name shapes; titles the model left
/// in a person's name stripped ("President").
pub(crate) fn from_model(
    text: &str,
    toks: &[Tok],
    spans: &[(usize, usize, usize)],
    gaz: &Gazetteer,
) -> Vec<NameMention> {
    let mut out = Vec::with_capacity(spans.len());
    // The article's lower-case words, gathered once and only if needed.
    let lower_words: OnceCell<FxHashSet<&str>> = OnceCell::new();
    let word_at = |t: &Tok| &text[t.start..t.end];
    for &(first, last, ty) in spans {
        let label = match ty {
            0 => Label::Person,
            1 => Label::Org,
            2 => Label::Loc,
            _ => Label::Misc,
        };
        // In a title-case headline every word is capitalised: common words
        // ("Has", "Nowhere") split the model's name and are left out.
        // A name never spans a bracket, comma or quote: a greedy tagger
        // that ran on past one ("(L) and Russian President Vladimir Putin")
        // is cut there.
        let word = |i: usize| &text[toks[i].start..toks[i].end];
        // Brackets inside the name ("Front ( Frelimo )") are part of it.
        let balanced = |i: usize| match word(i) {
            "(" => (i + 1..last).any(|j| word(j) == ")"),
            ")" => (first..i).any(|j| word(j) == "("),
            _ => false,
        };
        // A lower-case title inside the span ("City councillor Marek
        // Nowicki") ends what came before and names the person after it.
        let role = |i: usize| {
            toks[i].kind == TokKind::Word && !toks[i].cap && INNER_ROLES.contains(&word(i))
        };
        let mut a = first;
        let mut part_label = label;
        while a < last {
            let mut b = a;
            while b < last && (!breaks_name(text, &toks[b]) || balanced(b)) && !role(b) {
                b += 1;
            }
            let before_role = b < last && role(b);
            // What stands before the title is whom the person works for
            // ("a Marsh spokeswoman"), less a sentence-opening article.
            let mut part = (a, b, part_label);
            if before_role {
                if matches!(word(a), "A" | "An") {
                    part.0 += 1;
                }
                if part.2 == Label::Person {
                    part.2 = Label::Org;
                }
            }
            // "City councillor ...": a word the article also writes in
            // lower case ("the city") is no name.
            let sentence_word = before_role && part.1 == part.0 + 1 && {
                let lower = word(part.0).to_lowercase();
                lower != word(part.0)
                    && lower_words
                        .get_or_init(|| {
                            toks.iter()
                                .filter(|t| t.kind == TokKind::Word && !t.cap)
                                .map(word_at)
                                .collect()
                        })
                        .contains(lower.as_str())
            };
            let named = (part.0..part.1).any(|i| toks[i].kind != TokKind::Punct)
                && !(before_role && sentence_word);
            if named {
                split_headline(text, toks, gaz, part, &mut out);
            }
            if before_role {
                part_label = Label::Person;
            }
            a = b + 1;
        }
    }
    link_bare_person_words(text, toks, gaz, &mut out);
    out
}

/// Lower-case titles that stand before a person's name.
const INNER_ROLES: &[&str] = &[
    "councillor",
    "councilor",
    "councilwoman",
    "councilman",
    "mayor",
    "minister",
    "senator",
    "governor",
    "president",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "chairman",
    "chairwoman",
    "director",
    "secretary",
    "leader",
    "official",
    "coach",
    "manager",
    "striker",
    "midfielder",
    "defender",
    "goalkeeper",
    "captain",
    "judge",
    "prosecutor",
    "lawyer",
    "chief",
    "founder",
];

fn breaks_name(text: &str, tok: &Tok) -> bool {
    tok.kind == TokKind::Punct
        && !matches!(
            &text[tok.start..tok.end],
            "." | "&" | "-" | "'" | "\u{2019}" | "/"
        )
}

/// Cuts a name at the headline words in it, and pushes the parts.
fn split_headline(
    text: &str,
    toks: &[Tok],
    gaz: &Gazetteer,
    (first, last, label): (usize, usize, Label),
    out: &mut Vec<NameMention>,
) {
    let word = |i: usize| &text[toks[i].start..toks[i].end];
    // Words a headline capitalises that no name of the news is made of
    // (names like "National Hockey League" are made of common words).
    let common = |i: usize| {
        let w = word(i);
        !toks[i].all_caps && HEADLINE_WORDS.contains(&w.to_lowercase().as_str())
    };
    {
        let mut a = first;
        while a < last {
            if toks[a].title_line && toks[a].cap && common(a) {
                a += 1;
                continue;
            }
            let mut b = a + 1;
            while b < last && !(toks[b].title_line && toks[b].cap && common(b)) {
                b += 1;
            }
            push_refined(text, toks, gaz, (a, b, label), out);
            a = b;
        }
    }
}

fn link_bare_person_words(text: &str, toks: &[Tok], gaz: &Gazetteer, out: &mut Vec<NameMention>) {
    let word = |i: usize| &text[toks[i].start..toks[i].end];
    // A bare surname or first name of a person named in full elsewhere in
    // the text ("wrote to Fallon" ... "Maeve Fallon") is that person.
    let mut person_words: Vec<&str> = Vec::new();
    for m in out
        .iter()
        .filter(|m| m.label == Label::Person && m.last - m.first >= 2)
    {
        person_words.push(word(m.first));
        person_words.push(word(m.last - 1));
    }
    if !person_words.is_empty() {
        // The model's other type for such a word gives way unless the lists
        // know the word as a place or organisation ("Jordan" the country).
        for m in out
            .iter_mut()
            .filter(|m| m.last - m.first == 1 && m.label != Label::Person)
        {
            let w = word(m.first);
            let listed = gaz.name(w).is_some_and(|e| e.source != Source::Corpus);
            if !listed && !toks[m.first].all_caps && person_words.contains(&w) {
                m.label = Label::Person;
            }
        }
        let mut covered = vec![false; toks.len()];
        for m in out.iter() {
            covered[m.first..m.last].fill(true);
        }
        for i in 0..toks.len() {
            let t = &toks[i];
            let lone = |j: Option<usize>| {
                j.and_then(|j| toks.get(j))
                    .is_none_or(|n| !(n.kind == TokKind::Word && n.cap))
            };
            if !covered[i]
                && t.kind == TokKind::Word
                && t.cap
                && !t.all_caps
                && !t.title_line
                && lone(i.checked_sub(1))
                && lone(Some(i + 1))
                && person_words.contains(&word(i))
            {
                out.push(NameMention {
                    first: i,
                    last: i + 1,
                    label: Label::Person,
                    evidence: MODEL_EVIDENCE,
                });
            }
        }
        out.sort_by_key(|m| m.first);
    }
}

/// Verbs, adverbs and function words of headlines ("Putin Has Nowhere To Go").
const HEADLINE_WORDS: &[&str] = &[
    "has", "have", "had", "is", "are", "was", "were", "be", "been", "will", "would", "can",
    "could", "may", "might", "must", "should", "shall", "to", "as", "at", "by", "with", "from",
    "into", "onto", "over", "after", "amid", "against", "except", "nowhere", "not", "no", "go",
    "goes", "says", "said", "say", "gets", "get", "makes", "make", "takes", "take", "wins", "win",
    "won", "hits", "hit", "faces", "face", "calls", "call", "warns", "warn", "backs", "plans",
    "set", "sets", "seeks", "rise", "rises", "fall", "falls", "cut", "cuts",
];

/// Heads that make an organisation of whatever the model called MISC
/// ("Nordic Salmon Institute").
const MISC_TO_ORG_HEADS: &[&str] = &[
    "Institute",
    "University",
    "College",
    "Company",
    "Corporation",
    "Corp",
    "Inc",
    "Ltd",
    "Bank",
    "Ministry",
    "Council",
    "Committee",
    "Commission",
    "Agency",
    "Association",
    "Foundation",
    "Society",
    "Authority",
    "Department",
];

/// Pushes one model name after the rules have refined it.
fn push_refined(
    text: &str,
    toks: &[Tok],
    gaz: &Gazetteer,
    (first, last, label): (usize, usize, Label),
    out: &mut Vec<NameMention>,
) {
    let word = |i: usize| &text[toks[i].start..toks[i].end];
    let mut first = first;
    let mut label = label;
    // Function words at the edges ("and") are no part of a name; particles
    // ("de Klerk", "van Gaal") are.
    let edge = |i: usize| {
        toks[i].kind == TokKind::Word
            && matches!(
                word(i),
                "and"
                    | "or"
                    | "the"
                    | "of"
                    | "for"
                    | "in"
                    | "on"
                    | "at"
                    | "to"
                    | "a"
                    | "an"
                    | "with"
                    | "by"
            )
    };
    let mut last = last;
    while first < last && edge(first) {
        first += 1;
    }
    while first < last && edge(last - 1) {
        last -= 1;
    }
    if first == last {
        return;
    }
    // An honorific alone ("Mr", "Dr.") names nobody: the model sometimes
    // splits "Mr" from the surname after it. ("King" may be Mervyn King.)
    if HONORIFICS.contains(&word(first))
        && (last - first == 1 || (last - first == 2 && word(first + 1) == "."))
    {
        return;
    }
    if label == Label::Person {
        // "Russian President Vladimir Putin": the nationality is a NORP of
        // its own, the title no part of the name.
        while last - first > 1 {
            let w = word(first);
            if is_title_word(w) {
                first += 1;
            } else if gaz.name(w).is_some_and(|e| e.label == Label::Norp)
                && is_title_word(word(first + 1))
            {
                out.push(NameMention {
                    first,
                    last: first + 1,
                    label: Label::Norp,
                    evidence: MODEL_EVIDENCE,
                });
                first += 1;
            } else {
                break;
            }
        }
    }
    // A lone common word the model took for a name ("Travel is hard").
    if last - first == 1 {
        let w = word(first);
        if !toks[first].all_caps
            && gaz.name(w).is_none()
            && !gaz.is_first_name(w)
            && !gaz.is_surname(w)
            && gaz.is_common_word(&w.to_lowercase())
        {
            return;
        }
    }
    if label == Label::Misc {
        // MISC is the model's catch-all: the lists and name shapes say
        // which are nationalities, events, organisations and places.
        let key = crate::link::surface(text, toks, first, last);
        let listed = gaz.name(&key).map(|e| e.label);
        let tail = word(last - 1);
        let long = last - first >= 2;
        if let Some(l @ (Label::Norp | Label::Event)) = listed {
            label = l;
        } else if long && EVENT_SUFFIXES.contains(&tail) {
            label = Label::Event;
        } else if long && MISC_TO_ORG_HEADS.contains(&tail) {
            label = Label::Org;
        } else if long && LOC_SUFFIXES.contains(&tail) {
            label = Label::Loc;
        } else if !long
            && gaz.name(tail.trim_end_matches('s')).map(|e| e.label) == Some(Label::Norp)
        {
            label = Label::Norp;
        }
    }
    out.push(NameMention {
        first,
        last,
        label,
        evidence: MODEL_EVIDENCE,
    });
}

impl Evidence {
    /// Strong evidence is never overridden by a link to another entity.
    pub fn is_strong(self) -> bool {
        match self {
            Evidence::Listed(source) => source >= Source::Demonym,
            Evidence::Title | Evidence::Structure => true,
            _ => false,
        }
    }
}

/// One name: tokens `first..last` (exclusive) of the scan.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct NameMention {
    pub first: usize,
    pub last: usize,
    pub label: Label,
    pub evidence: Evidence,
}

/// Titles that sit before a name and are not part of it.
const CORE_TITLES: &[&str] = &[
    "President",
    "Minister",
    "Chancellor",
    "Secretary",
    "Senator",
    "Sen",
    "Rep",
    "Representative",
    "Congressman",
    "Congresswoman",
    "Governor",
    "Gov",
    "Mayor",
    "Judge",
    "King",
    "Queen",
    "Prince",
    "Princess",
    "Pope",
    "Sheikh",
    "Emir",
    "Sultan",
    "General",
    "Gen",
    "Colonel",
    "Col",
    "Captain",
    "Capt",
    "Lieutenant",
    "Lt",
    "Major",
    "Maj",
    "Sergeant",
    "Sgt",
    "Admiral",
    "Adm",
    "Commander",
    "Marshal",
    "Dr",
    "Doctor",
    "Professor",
    "Prof",
    "Mr",
    "Mrs",
    "Ms",
    "Miss",
    "Mx",
    "Sir",
    "Dame",
    "Lord",
    "Lady",
    "Rev",
    "Reverend",
    "Father",
    "Bishop",
    "Archbishop",
    "Cardinal",
    "Rabbi",
    "Imam",
    "Ayatollah",
    "Chairman",
    "Chairwoman",
    "Director",
    "Ambassador",
    "Envoy",
    "Spokesman",
    "Spokeswoman",
    "Coach",
    "Premier",
    "Leader",
    "Speaker",
    "Commissioner",
    "Inspector",
    "Detective",
    "Constable",
    "Officer",
    "Duke",
    "Duchess",
    "Earl",
    "Baroness",
    "Baron",
    "Councillor",
    "Councilman",
    "Councilwoman",
    "Justice",
    "Chief",
    "Minister-President",
    "CEO",
];

/// Words that make a title only next to a core title ("Prime Minister").
const TITLE_MODIFIERS: &[&str] = &[
    "Vice",
    "Prime",
    "Deputy",
    "Foreign",
    "Defence",
    "Defense",
    "Finance",
    "Interior",
    "Home",
    "Health",
    "Trade",
    "Economy",
    "Energy",
    "Executive",
    "Acting",
    "Former",
    "Supreme",
    "Crown",
    "Attorney",
    "Grand",
    "Senior",
    "First",
    "Assistant",
    "Junior",
    "Lieutenant",
    "Education",
    "Culture",
    "Sports",
    "Transport",
    "Environment",
    "Agriculture",
    "Labour",
    "Labor",
    "Justice",
    "State",
    "Shadow",
    "Opposition",
    "Party",
    "Army",
    "Police",
    "Head",
    "Managing",
    "Chief",
    "General",
    "Commerce",
    "Industry",
];

/// Abbreviated titles that may carry a dot.
const ABBREVIATED_TITLES: &[&str] = &[
    "Mr", "Mrs", "Ms", "Dr", "Gen", "Col", "Capt", "Lt", "Sgt", "Sen", "Rep", "Gov", "Prof", "Rev",
    "Maj", "Adm", "St", "Jr", "Sr", "Mt", "Ft", "Cmdr", "Insp", "Det", "Supt",
];

pub(crate) fn is_abbreviated_title(word: &str) -> bool {
    ABBREVIATED_TITLES.contains(&word)
}

/// Words that narrow a place without making a new name: "Eastern Europe".
const PLACE_QUALIFIERS: &[&str] = &[
    "Northern",
    "Southern",
    "Eastern",
    "Western",
    "North",
    "South",
    "East",
    "West",
    "Central",
    "Greater",
    "Upper",
    "Lower",
    "Inner",
    "Outer",
    "Mainland",
    "Continental",
    "Rural",
    "Coastal",
];

/// Titles that never combine with the word after them.
const HONORIFICS: &[&str] = &[
    "Mr",
    "Mrs",
    "Ms",
    "Miss",
    "Mx",
    "Dr",
    "Sir",
    "Dame",
    "Lord",
    "Lady",
    "Prof",
    "Professor",
];

/// Noble titles: "the Prince of Wales" is a person.
const NOBLE_TITLES: &[&str] = &[
    "King", "Queen", "Prince", "Princess", "Duke", "Duchess", "Earl", "Countess",
];

/// Lower-case role words that announce a person: "Chinese leader Xi Jinping".
const PERSON_CUES: &[&str] = &[
    "leader",
    "president",
    "minister",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "chairman",
    "chairwoman",
    "secretary",
    "ambassador",
    "envoy",
    "premier",
    "chancellor",
    "director",
    "founder",
    "analyst",
    "economist",
    "coach",
    "striker",
    "midfielder",
    "defender",
    "goalkeeper",
    "actor",
    "actress",
    "singer",
    "player",
    "manager",
    "boss",
    "captain",
    "colleague",
    "wife",
    "husband",
    "son",
    "daughter",
    "brother",
    "sister",
    "mother",
    "father",
    "executive",
    "professor",
    "researcher",
    "author",
    "writer",
    "editor",
    "journalist",
    "correspondent",
    "lawyer",
    "attorney",
    "judge",
    "senator",
    "governor",
    "mayor",
    "adviser",
    "advisor",
    "aide",
    "rival",
    "champion",
    "star",
    "dr",
    "mr",
    "mrs",
    "ms",
    "sir",
    "comedian",
    "presenter",
    "chief",
    "commissioner",
    "officer",
    "candidate",
    "deputy",
    "colonel",
    "general",
    "musician",
    "rapper",
    "director-general",
    "secretary-general",
    "winger",
    "batsman",
    "bowler",
];

const ORG_SUFFIXES: &[&str] = &[
    "Court",
    "Group",
    "Institute",
    "Institution",
    "Society",
    "Centre",
    "Center",
    "Ministry",
    "Department",
    "University",
    "College",
    "School",
    "Academy",
    "Bank",
    "Party",
    "Television",
    "TV",
    "Radio",
    "Inc",
    "Corp",
    "Corporation",
    "Ltd",
    "Limited",
    "Plc",
    "PLC",
    "LLC",
    "Co",
    "Company",
    "Association",
    "Council",
    "Agency",
    "Commission",
    "Committee",
    "Union",
    "Fund",
    "Foundation",
    "Organisation",
    "Organization",
    "News",
    "Times",
    "Post",
    "Journal",
    "Herald",
    "Tribune",
    "Telegraph",
    "Gazette",
    "Press",
    "Media",
    "Network",
    "Airlines",
    "Airways",
    "Motors",
    "Holdings",
    "Industries",
    "Technologies",
    "Systems",
    "Services",
    "Partners",
    "Securities",
    "Investments",
    "Bureau",
    "Office",
    "Authority",
    "Board",
    "Federation",
    "League",
    "Club",
    "FC",
    "Assembly",
    "Parliament",
    "Senate",
    "Congress",
    "Cabinet",
    "Government",
    "Administration",
    "Police",
    "Army",
    "Navy",
    "Forces",
    "Guard",
    "Command",
    "Trust",
    "Alliance",
    "Coalition",
    "Movement",
    "Front",
    "Brigade",
    "Brigades",
    "Church",
    "Hospital",
    "Museum",
    "Library",
    "Exchange",
    "Reserve",
    "Secretariat",
    "Initiative",
    "Studios",
    "Records",
    "Pictures",
    "Entertainment",
    "Labs",
    "Laboratories",
    "Bancorp",
    "Energy",
    "Petroleum",
    "Oil",
    "Telecom",
    "Communications",
    "Pharmaceuticals",
    "Insurance",
    "Magazine",
    "Daily",
    "Institutes",
    "Unit",
    "Division",
    "Directorate",
    "Chamber",
    "Tribunal",
    "Zeitung",
    "AG",
    "SA",
    "GmbH",
    "NV",
    "SpA",
    "Bhd",
    "Cos",
    "Bros",
];

const EVENT_SUFFIXES: &[&str] = &[
    "Summit",
    "Games",
    "Cup",
    "War",
    "Olympics",
    "Championship",
    "Championships",
    "Festival",
    "Conference",
    "Tournament",
    "Marathon",
    "Expo",
    "Revolution",
    "Uprising",
    "Massacre",
    "Prix",
    "Trophy",
    "Awards",
    "Election",
    "Elections",
    "Referendum",
    "Crisis",
    "Open",
    "Week",
    "Derby",
    "Classic",
    "Convention",
    "Congress",
];

const LOC_SUFFIXES: &[&str] = &[
    "Island",
    "Islands",
    "River",
    "Mountains",
    "Mountain",
    "Sea",
    "Ocean",
    "Valley",
    "Province",
    "County",
    "Region",
    "Strait",
    "Peninsula",
    "Desert",
    "Lake",
    "Bay",
    "Gulf",
    "Coast",
    "Street",
    "Square",
    "Avenue",
    "Bridge",
    "Airport",
    "Park",
    "Canal",
    "Hills",
    "Heights",
    "District",
    "Prefecture",
    "Oblast",
    "Republic",
    "Kingdom",
    "Emirates",
    "Territory",
    "Territories",
    "Basin",
    "Plateau",
    "Delta",
    "Falls",
    "Harbour",
    "Harbor",
    "Station",
];

/// Heads of "X of Y" names: "Bank of England", "Gulf of Mexico", "Battle of Britain".
const OF_HEADS: &[(&str, Label)] = &[
    ("Bank", Label::Org),
    ("University", Label::Org),
    ("Ministry", Label::Org),
    ("Department", Label::Org),
    ("Institute", Label::Org),
    ("Centre", Label::Org),
    ("Center", Label::Org),
    ("Council", Label::Org),
    ("Court", Label::Org),
    ("Committee", Label::Org),
    ("Commission", Label::Org),
    ("Federation", Label::Org),
    ("Society", Label::Org),
    ("Office", Label::Org),
    ("Board", Label::Org),
    ("Bureau", Label::Org),
    ("Museum", Label::Org),
    ("School", Label::Org),
    ("College", Label::Org),
    ("Academy", Label::Org),
    ("Church", Label::Org),
    ("Chamber", Label::Org),
    ("House", Label::Org),
    ("Union", Label::Org),
    ("League", Label::Org),
    ("Party", Label::Org),
    ("Organisation", Label::Org),
    ("Organization", Label::Org),
    ("Association", Label::Org),
    ("Agency", Label::Org),
    ("Fund", Label::Org),
    ("Foundation", Label::Org),
    ("Alliance", Label::Org),
    ("Coalition", Label::Org),
    ("Movement", Label::Org),
    ("Friends", Label::Org),
    ("Republic", Label::Loc),
    ("Kingdom", Label::Loc),
    ("Bay", Label::Loc),
    ("Gulf", Label::Loc),
    ("Sea", Label::Loc),
    ("Isle", Label::Loc),
    ("Isles", Label::Loc),
    ("Strait", Label::Loc),
    ("Straits", Label::Loc),
    ("Cape", Label::Loc),
    ("Lake", Label::Loc),
    ("Mount", Label::Loc),
    ("Province", Label::Loc),
    ("State", Label::Loc),
    ("States", Label::Loc),
    ("City", Label::Loc),
    ("Islands", Label::Loc),
    ("Battle", Label::Event),
    ("Festival", Label::Event),
    ("Siege", Label::Event),
    ("Treaty", Label::Misc),
    ("Day", Label::Event),
];

/// Longest run of tokens taken as (a sequence of) names.
const MAX_RUN_TOKENS: usize = 16;

/// Longest name the gazetteer is asked about, in tokens.
const MAX_LOOKUP_TOKENS: usize = 8;

/// Lower-case words allowed inside a name.
const CONNECTORS: &[&str] = &[
    "of", "for", "and", "the", "on", "de", "du", "da", "del", "della", "di", "dos", "das", "van",
    "von", "der", "den", "la", "le", "bin", "ibn", "ben", "y", "al", "el", "&",
];

/// Connectors that belong to personal names: "Charles de Gaulle".
const NAME_PARTICLES: &[&str] = &[
    "de", "du", "da", "del", "della", "di", "dos", "das", "van", "von", "der", "den", "la", "le",
    "bin", "ibn", "ben", "y", "al", "el",
];

fn is_connector(word: &str) -> bool {
    CONNECTORS.contains(&word)
}

/// "Don't", "I'm", "We'll": capitalised at a sentence start, never names.
fn is_contraction(word: &str) -> bool {
    word.rsplit_once(['\'', '\u{2019}'])
        .is_some_and(|(_, tail)| matches!(tail, "t" | "m" | "re" | "ve" | "ll" | "d"))
}

/// A connector that ends a personal name ("and", "of"), unlike "de" or "bin".
fn is_splitting_connector(word: &str) -> bool {
    is_connector(word) && !NAME_PARTICLES.contains(&word)
}

fn is_core_title(word: &str) -> bool {
    CORE_TITLES.contains(&word)
        || word.contains('-')
            && word.split('-').any(|part| CORE_TITLES.contains(&part))
            && word
                .split('-')
                .all(|part| CORE_TITLES.contains(&part) || TITLE_MODIFIERS.contains(&part))
}

fn is_title_word(word: &str) -> bool {
    is_core_title(word)
        || TITLE_MODIFIERS.contains(&word)
        || word.contains('-')
            && word
                .split('-')
                .all(|part| is_core_title(part) || TITLE_MODIFIERS.contains(&part))
}

/// Tags names over `toks`, skipping tokens where `blocked` is set (values).
pub(crate) fn tag_names(
    text: &str,
    toks: &[Tok],
    blocked: &[bool],
    gazetteer: &Gazetteer,
) -> Vec<NameMention> {
    let tagger = Tagger {
        text,
        toks,
        blocked,
        gaz: gazetteer,
        key: String::new(),
        out: Vec::new(),
    };
    tagger.run()
}

struct Tagger<'a> {
    text: &'a str,
    toks: &'a [Tok],
    blocked: &'a [bool],
    gaz: &'a Gazetteer,
    /// Reused buffer for gazetteer keys.
    key: String,
    out: Vec<NameMention>,
}

impl<'a> Tagger<'a> {
    fn word(&self, i: usize) -> &'a str {
        self.toks.get(i).map_or("", |t| &self.text[t.start..t.end])
    }

    fn is_word(&self, i: usize) -> bool {
        self.toks.get(i).is_some_and(|t| t.kind == TokKind::Word)
    }

    fn nameish(&self, i: usize) -> bool {
        let Some(tok) = self.toks.get(i) else {
            return false;
        };
        if tok.kind != TokKind::Word || self.blocked[i] || !(tok.cap || tok.all_caps) {
            return false;
        }
        let w = self.word(i);
        // "Ontario-based", "Brazilian-born" describe the name that follows.
        let describing = w.rsplit_once(['-', '\u{2010}']).is_some_and(|(_, tail)| {
            matches!(
                tail,
                "based" | "born" | "led" | "backed" | "owned" | "run" | "style" | "made"
            )
        });
        w != "I" && !is_weekday(w) && !describing && !is_contraction(w)
    }

    /// A dot that belongs to the word before it: "Dr.", "W." (an initial).
    fn is_inner_dot(&self, i: usize) -> bool {
        i > 0 && self.word(i) == "." && self.toks[i].glued && self.is_word(i - 1) && {
            let prev = self.word(i - 1);
            (prev.chars().count() == 1 && self.toks[i - 1].cap) || is_abbreviated_title(prev)
        }
    }

    fn run(mut self) -> Vec<NameMention> {
        let n = self.toks.len();
        let mut i = 0;
        while i < n {
            if !self.nameish(i) {
                i += 1;
                continue;
            }
            let start = i;
            let mut end = i + 1;
            let mut j = i + 1;
            loop {
                let mut k = j;
                if k < n && self.is_inner_dot(k) {
                    k += 1;
                }
                if k < n && self.nameish(k) && !self.toks[k].newline_before {
                    end = k + 1;
                    j = k + 1;
                    continue;
                }
                let mut connectors = 0;
                while k < n
                    && connectors < 2
                    && is_connector(self.word(k))
                    && !self.toks[k].newline_before
                    && !self.blocked[k]
                {
                    k += 1;
                    connectors += 1;
                }
                if connectors > 0 && k < n && self.nameish(k) && !self.toks[k].newline_before {
                    end = k + 1;
                    j = k + 1;
                    continue;
                }
                break;
            }
            if end - start <= MAX_RUN_TOKENS {
                self.resolve_run(start, end);
            } else {
                // No name is this long: a list or shouting. Words one by one,
                // which also bounds the work per run.
                for t in start..end {
                    if self.nameish(t) {
                        self.resolve_run(t, t + 1);
                    }
                }
            }
            i = end;
        }
        self.out.sort_by_key(|m| m.first);
        self.out
    }

    /// The gazetteer key of tokens `a..b`: words joined by one space, glued
    /// tokens ("W.", "Jong-un") kept together.
    fn key_of(&mut self, a: usize, b: usize) -> &str {
        self.key.clear();
        for i in a..b {
            if i > a && !self.toks[i].glued {
                self.key.push(' ');
            }
            self.key
                .push_str(&self.text[self.toks[i].start..self.toks[i].end]);
        }
        &self.key
    }

    fn lookup(&mut self, a: usize, b: usize) -> Option<crate::gazetteer::NameEntry> {
        if b <= a || b - a > MAX_LOOKUP_TOKENS {
            return None;
        }
        let gaz = self.gaz;
        let shouted = self.toks[a..b].iter().any(|t| t.all_caps);
        let key = self.key_of(a, b);
        if let Some(entry) = gaz.name(key) {
            return Some(entry);
        }
        // "NEW YORK" in a headline is "New York" in the lists.
        if shouted && key.len() > 3 {
            let mut title_case = String::with_capacity(key.len());
            let mut at_word_start = true;
            for ch in key.chars() {
                if at_word_start {
                    title_case.push(ch);
                } else {
                    title_case.extend(ch.to_lowercase());
                }
                at_word_start = !ch.is_alphanumeric();
            }
            // Shouted town names are too often other words ("GOLF").
            return gaz
                .name(&title_case)
                .filter(|e| e.source >= Source::Corpus || b - a >= 2);
        }
        None
    }

    fn is_common(&self, i: usize) -> bool {
        let w = self.word(i);
        if w.bytes().all(|b| b.is_ascii()) {
            let mut buf = [0u8; 32];
            if w.len() <= buf.len() {
                for (d, s) in buf.iter_mut().zip(w.bytes()) {
                    *d = s.to_ascii_lowercase();
                }
                return std::str::from_utf8(&buf[..w.len()])
                    .is_ok_and(|lower| self.gaz.is_common_word(lower));
            }
        }
        self.gaz.is_common_word(&w.to_lowercase())
    }

    fn push(&mut self, first: usize, last: usize, label: Label, evidence: Evidence) {
        // Trim stray dots and connectors at the edges.
        let (mut a, mut b) = (first, last);
        while a < b && (is_connector(self.word(a)) || self.word(a) == ".") {
            a += 1;
        }
        while b > a && (is_connector(self.word(b - 1)) || self.word(b - 1) == ".") {
            b -= 1;
        }
        if a < b {
            self.out.push(NameMention {
                first: a,
                last: b,
                label,
                evidence,
            });
        }
    }

    fn resolve_run(&mut self, a: usize, b: usize) {
        // Leading connectors or dots left by a split.
        let mut a = a;
        while a < b && (is_connector(self.word(a)) || self.word(a) == ".") {
            a += 1;
        }
        if a >= b {
            return;
        }
        if self.toks[a].title_line {
            return self.resolve_title_line(a, b);
        }
        if let Some(entry) = self.lookup(a, b) {
            let evidence = Evidence::Listed(entry.source);
            if !(entry.source <= Source::Corpus && self.person_cue_before(a)) {
                return self.push(a, b, entry.label, evidence);
            }
        }
        // "The" opens many names but is part of few: "The Hague" is listed.
        if matches!(self.word(a), "The" | "A" | "An") {
            return self.resolve_run(a + 1, b);
        }
        // A capitalised common word at a sentence start is just a word.
        if self.toks[a].initial
            && self.is_common(a)
            && !(self.gaz.is_first_name(self.word(a)) && b - a >= 2 && self.nameish(a + 1))
        {
            return self.resolve_run(a + 1, b);
        }
        if let Some(t) = (a..b).find(|&t| self.starts_title(t, b)) {
            return self.resolve_title(a, t, b);
        }
        // Split at connectors that this name shape does not allow.
        let seg_start = a;
        let mut k = a + 1;
        while k < b {
            if is_connector(self.word(k)) {
                let mut next = k + 1;
                while next < b && is_connector(self.word(next)) {
                    next += 1;
                }
                if !self.connector_allowed(seg_start, k, next, b) {
                    self.resolve_segment(seg_start, k);
                    return self.resolve_run(next, b);
                }
                k = next;
            } else {
                k += 1;
            }
        }
        self.resolve_segment(seg_start, b);
    }

    /// Headlines: capitals carry no signal, so only common words split.
    fn resolve_title_line(&mut self, a: usize, b: usize) {
        let mut start = a;
        let mut i = a;
        while i <= b {
            // A listed name starting here ("NEW YORK") is kept whole.
            if i < b && i == start {
                if let Some(end) = (i + 2..=(i + 4).min(b))
                    .rev()
                    .find(|&end| self.lookup(i, end).is_some())
                {
                    self.resolve_plain(i, end);
                    start = end;
                    i = end;
                    continue;
                }
            }
            let split = i == b
                || is_connector(self.word(i))
                || (self.is_common(i) && self.lookup(start, i + 1).is_none());
            if split {
                if start < i {
                    self.resolve_plain(start, i);
                }
                start = i + 1;
            }
            i += 1;
        }
    }

    /// A headline piece: common words are already gone, type the rest as usual.
    fn resolve_plain(&mut self, a: usize, b: usize) {
        self.resolve_segment(a, b);
    }

    /// Does a title start at `t` with a name (or "of ...") after it?
    fn starts_title(&self, t: usize, b: usize) -> bool {
        let u = self.title_end(t, b);
        u > t && u < b && (t..u).any(|i| is_core_title(self.word(i)))
    }

    /// Where the title starting at `t` ends. An honorific is a title on its
    /// own: in "Mr King" or "Dr Major", the next word is the name.
    fn title_end(&self, t: usize, b: usize) -> usize {
        if HONORIFICS.contains(&self.word(t)) {
            return if self.is_inner_dot(t + 1) {
                t + 2
            } else {
                t + 1
            };
        }
        let mut u = t;
        while u < b && (is_title_word(self.word(u)) || self.is_inner_dot(u)) {
            u += 1;
        }
        u
    }

    /// `a..t` comes before the title, the title starts at `t`.
    fn resolve_title(&mut self, a: usize, t: usize, b: usize) {
        // "Queen Mary University" is an organisation, not Queen + a person.
        if t == a {
            if let Some((label, evidence)) = self.structure_label(a, b) {
                if evidence == Evidence::Structure && label != Label::Person {
                    return self.push(a, b, label, evidence);
                }
            }
        }
        let u = self.title_end(t, b);
        if a < t {
            self.resolve_run(a, t);
        }
        if matches!(self.word(u), "of" | "for") {
            // "Minister of Commerce Wang Wentao": the office is one or two
            // words, the person what follows.
            let rest: Vec<usize> = (u + 1..b).collect();
            if rest.iter().any(|&i| is_connector(self.word(i))) {
                return;
            }
            let person = match rest.len() {
                0 | 1 => {
                    if NOBLE_TITLES.contains(&self.word(t)) && rest.len() == 1 {
                        return self.push(t, b, Label::Person, Evidence::Title);
                    }
                    return;
                }
                2 => 1,
                _ => 2,
            };
            return self.push(b - person, b, Label::Person, Evidence::Title);
        }
        // The person runs to the next connector or title: "President Joe
        // Biden and Prime Minister Rishi Sunak" names two people.
        let mut end = u;
        while end < b
            && !is_splitting_connector(self.word(end))
            && !(end > u && self.starts_title(end, b))
        {
            end += 1;
        }
        if u < end {
            match self.lookup(u, end) {
                Some(entry) if entry.source >= Source::Demonym && entry.label != Label::Person => {
                    self.push(u, end, entry.label, Evidence::Listed(entry.source))
                }
                _ => self.push(u, end, Label::Person, Evidence::Title),
            }
        }
        if end < b {
            self.resolve_run(end, b);
        }
    }

    /// `k` is the first connector, `next` the first word after the connectors.
    fn connector_allowed(&mut self, seg_start: usize, k: usize, next: usize, b: usize) -> bool {
        let connector = self.word(k);
        if NAME_PARTICLES.contains(&connector) {
            return true;
        }
        if self.lookup(seg_start, b).is_some() {
            return true;
        }
        let before = self.word(k - 1);
        let head = (seg_start..k).any(|i| {
            let w = self.word(i);
            OF_HEADS.iter().any(|(h, _)| *h == w)
                || ORG_SUFFIXES.contains(&w)
                || EVENT_SUFFIXES.contains(&w)
                || NOBLE_TITLES.contains(&w)
        });
        match connector {
            "and" | "&" => {
                // "Belt and Road Summit", "Marks & Spencer Group": the name
                // must end in a word that makes it one name.
                let last = self.word(b - 1);
                // "Israel and the PLO" is two names.
                next == k + 1
                    && self.lookup(seg_start, k).is_none()
                    && (next..b).all(|i| !is_connector(self.word(i)))
                    && k - seg_start <= 2
                    && (ORG_SUFFIXES.contains(&last)
                        || EVENT_SUFFIXES.contains(&last)
                        || connector == "&")
            }
            "the" => is_connector(before) || head,
            _ => head,
        }
    }

    fn person_cue_before(&self, a: usize) -> bool {
        a > 0 && {
            let prev = self.word(a - 1);
            !self.toks[a - 1].cap && PERSON_CUES.contains(&prev)
                || self.toks[a - 1].cap
                    && PERSON_CUES.contains(&prev.to_ascii_lowercase().as_str())
                    && is_abbreviated_title(prev)
        }
    }

    /// Label from the words that make a name's shape: suffixes and "X of Y" heads.
    fn structure_label(&self, a: usize, b: usize) -> Option<(Label, Evidence)> {
        let last = self.word(b - 1);
        if b - a >= 2 {
            if EVENT_SUFFIXES.contains(&last) {
                return Some((Label::Event, Evidence::Structure));
            }
            if ORG_SUFFIXES.contains(&last) {
                return Some((Label::Org, Evidence::Structure));
            }
            if LOC_SUFFIXES.contains(&last) {
                return Some((Label::Loc, Evidence::Structure));
            }
        }
        let first = self.word(a);
        if b - a >= 3 && is_connector(self.word(a + 1)) {
            if let Some(&(_, label)) = OF_HEADS.iter().find(|(h, _)| *h == first) {
                return Some((label, Evidence::Structure));
            }
            if NOBLE_TITLES.contains(&first) {
                return Some((Label::Person, Evidence::Title));
            }
        }
        None
    }

    /// A piece of a run with no unwanted connectors and no title: type it.
    fn resolve_segment(&mut self, a: usize, b: usize) {
        if a >= b {
            return;
        }
        let len = b - a;
        if let Some(entry) = self.lookup(a, b) {
            return self.push(a, b, entry.label, Evidence::Listed(entry.source));
        }
        if self.person_cue_before(a) && !self.toks[a].all_caps {
            return self.push(a, b, Label::Person, Evidence::Title);
        }
        if let Some((label, evidence)) = self.structure_label(a, b) {
            return self.push(a, b, label, evidence);
        }
        let first = self.word(a);
        if len == 1 {
            return self.resolve_single(a);
        }
        // "Eastern Europe", "Northern Iraq", "Greater London"
        if let Some(entry) = self.lookup(b - 1, b) {
            if entry.label == Label::Loc
                && entry.source >= Source::MajorPlace
                && (a..b - 1).all(|i| PLACE_QUALIFIERS.contains(&self.word(i)))
            {
                return self.push(a, b, Label::Loc, Evidence::Listed(entry.source));
            }
        }
        if (a..b).any(|i| self.word(i) == "&") {
            return self.push(a, b, Label::Org, Evidence::Structure);
        }
        // "P. Tufnell", "George W. Bush"
        if self.is_inner_dot(a + 1) && first.chars().count() == 1 && b - a >= 3 {
            return self.push(a, b, Label::Person, Evidence::FirstName);
        }
        if self.gaz.is_first_name(first) && !self.toks[a].all_caps {
            return self.push(a, b, Label::Person, Evidence::FirstName);
        }
        // A listed name leading a longer run: "Getty Images Entertainment",
        // "Chinese Politics".
        for end in (a + 1..b).rev() {
            if let Some(entry) = self.lookup(a, end) {
                if end - a >= 2 || entry.source >= Source::Demonym {
                    self.push(a, end, entry.label, Evidence::Listed(entry.source));
                    return self.resolve_run(end, b);
                }
            }
        }
        let any_common = (a..b).any(|i| self.is_common(i));
        let all_title_case = (a..b)
            .filter(|&i| self.is_word(i))
            .all(|i| self.toks[i].cap && !self.toks[i].all_caps);
        if all_title_case && !any_common && len <= 3 {
            let evidence = if self.gaz.is_surname(self.word(b - 1)) {
                Evidence::Surname
            } else {
                Evidence::Guess
            };
            return self.push(a, b, Label::Person, evidence);
        }
        self.push(a, b, Label::Misc, Evidence::Guess);
    }

    fn resolve_single(&mut self, a: usize) {
        let tok = self.toks[a];
        let word = self.word(a);
        if word.chars().count() < 2 || is_title_word(word) || month_number(word).is_some() {
            return;
        }
        // Plural acronyms ("PCs", "MPs") are common nouns.
        if word.len() >= 3
            && word.ends_with('s')
            && word[..word.len() - 1]
                .chars()
                .all(|c| c.is_ascii_uppercase())
        {
            return;
        }
        if tok.all_caps {
            // Short all-caps words are acronyms; long ones are shouting.
            if word.chars().count() <= 6 && !self.is_common(a) {
                self.push(a, a + 1, Label::Org, Evidence::Acronym);
            }
            return;
        }
        if let Some(label) = self.hyphenated_label(word) {
            return self.push(a, a + 1, label, Evidence::Listed(Source::Demonym));
        }
        if self.gaz.is_first_name(word) {
            return self.push(a, a + 1, Label::Person, Evidence::FirstName);
        }
        if self.gaz.is_surname(word) {
            return self.push(a, a + 1, Label::Person, Evidence::Surname);
        }
        if self.is_common(a) || word.contains(['-', '\u{2010}']) {
            return;
        }
        // An unknown word that joins no person's full name (see `link`) is
        // most often an organisation: people are introduced by full name.
        self.push(a, a + 1, Label::Org, Evidence::Guess);
    }

    /// "Israeli-Palestinian" is NORP; "China-Russia" names no single thing.
    fn hyphenated_label(&self, word: &str) -> Option<Label> {
        if !word.contains('-') {
            return None;
        }
        let labels: Vec<Option<Label>> = word
            .split('-')
            .map(|part| self.gaz.name(part).map(|e| e.label))
            .collect();
        labels
            .iter()
            .all(|l| *l == Some(Label::Norp))
            .then_some(Label::Norp)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scan::tokenize;

    /// The names `from_model` makes of one model span over `words`, as text.
    fn names_of(text: &str, words: &str, ty: usize) -> Vec<(String, Label)> {
        let toks = tokenize(text);
        let start = text.find(words).expect("words in text");
        let end = start + words.len();
        let first = toks.iter().position(|t| t.start == start).expect("first");
        let last = toks.iter().position(|t| t.end == end).expect("last") + 1;
        from_model(text, &toks, &[(first, last, ty)], &Gazetteer::embedded())
            .into_iter()
            .map(|m| {
                (
                    text[toks[m.first].start..toks[m.last - 1].end].to_string(),
                    m.label,
                )
            })
            .collect()
    }

    #[test]
    fn a_title_inside_a_span_splits_employer_from_person() {
        let text = "The city fare rose. City councillor Marek Nowicki called it a bill.";
        assert_eq!(
            names_of(text, "City councillor Marek Nowicki", 2),
            [("Marek Nowicki".to_string(), Label::Person)]
        );
        let text = "The city fare rose. Kraków councillor Marek Nowicki called it a bill.";
        assert_eq!(
            names_of(text, "Kraków councillor Marek Nowicki", 2),
            [
                ("Kraków".to_string(), Label::Loc),
                ("Marek Nowicki".to_string(), Label::Person)
            ]
        );
        let text = "A Harbour Line spokeswoman said the ferries were late.";
        assert_eq!(
            names_of(text, "A Harbour Line spokeswoman", 0),
            [("Harbour Line".to_string(), Label::Org)]
        );
    }

    #[test]
    fn an_honorific_alone_names_nobody() {
        let text = "\"Not that I know of,\" Mr Myers replied.";
        assert_eq!(names_of(text, "Mr", 0), []);
        assert_eq!(
            names_of(text, "Mr Myers", 0),
            [("Myers".to_string(), Label::Person)]
        );
    }

    #[test]
    fn punctuation_alone_is_never_a_name() {
        // The model now and then calls a lone full stop or ampersand a name.
        for (text, span) in [("Prices rose. Shares fell", "."), ("Smith & Sons", "&")] {
            assert_eq!(names_of(text, span, 0), []);
        }
    }
}
