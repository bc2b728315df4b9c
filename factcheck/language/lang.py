"""Knowledge of how English news is written. Nothing here is specific to one event.

Event packs (claims/*.yaml) add the event's own words on top of these; they never repeat them.
"""

import functools

MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9,
    "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}
WEEKDAYS = {"monday": 1, "tuesday": 2, "wednesday": 3, "thursday": 4, "friday": 5, "saturday": 6, "sunday": 7}

NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
    "hundred": 100, "several": None, "few": None, "couple": 2,
}
ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "final": -1, "last": -1, "closing": -1, "opening": 1,
}
# Days named by the feast that falls on them on the same date every year (written with capitals):
# "on the Fourth of July", "on Christmas Day". A movable feast (Easter) has no fixed date.
FIXED_FEASTS = {"Fourth of July": (7, 4), "Christmas Day": (12, 25), "Christmas Eve": (12, 24),
                "New Year's Day": (1, 1), "New Year's Eve": (12, 31), "Boxing Day": (12, 26),
                "Valentine's Day": (2, 14), "Halloween": (10, 31)}
# Multi-day spans written as one word.
SPAN_WORDS = {"fortnight": (2, "W"), "week": (1, "W"), "weekend": (2, "D")}

UNITS = {"hour": "H", "day": "D", "week": "W", "month": "M", "year": "Y"}

# Words that start, end or bound an event in time. A frame looks for them near a date.
START_WORDS = tuple(
    "began begin begins beginning begun start starts started starting launch launched launches "
    "launching kicked kicks kicking opened opens opening commence commenced commences commencing "
    "underway"
.split())
START_PHRASES = ("kicked off", "kick off", "kicks off", "got under way", "got underway", "get under way",
                 "gets under way", "got going", "was launched", "were launched", "was inaugurated")
# Prepositions that bound a window only right before the date ("until May 21", "from 19 May").
START_PREPS = ("from", "starting", "beginning", "as of")
END_PREPS = ("until", "till", "til", "through", "thru", "to")
END_WORDS = tuple(
    "end ends ended ending conclude concluded concludes concluding "
    "close closed closes closing finish finished finishes finishing wrap wraps wrapped wrapping "
    "completed complete completes"
.split())
END_PHRASES = ("wrap up", "wraps up", "wrapped up", "come to an end", "came to an end", "draw to a close",
               "drew to a close", "scheduled to end", "set to end", "due to end")
DURATION_WORDS = tuple("last lasts lasted lasting for over spanning span spans spanned run runs ran long duration".split())
# Words that hold or place an event; with a preposition they mark its location.
PLACE_VERBS = tuple(
    "held hold holds holding conducted conduct conducts conducting staged stage stages staging "
    "took take takes taking place carried carry out began begin started start launched launch kicked "
    "underway under way organized organised organizing hosted host hosts hosting taking run runs ran running "
    "continue continues continued continuing train trains trained training drill drills drilled drilling "
    "practise practised practice practiced practising practicing gathered gather gathering "
    "convened convene convenes assembled happened happens occurred occurs"
.split())
# After these a place belongs to whoever is based there, not to the event ("units based in Alsace").
LOCATIVE_BLOCKERS = ("based", "stationed", "headquartered", "located", "born", "living", "lives", "live",
                     "garrisoned", "deployed permanently", "home", "native")
# An event noun binds a place this close after it without a verb ("the drill in Alsace").
CUE_PLACE_REACH = 4
# A role word counts for the event only this close to its noun ("commander of the drill").
# Verbs one person does to another: "X congratulated the president-elect" names who holds the role
# only by the role's word, never X.
TOWARD_ANOTHER = ("congratulated", "congratulates", "thanked", "thanks", "met", "meets", "called", "calls",
                  "praised", "praises", "criticised", "criticized", "criticises", "criticizes", "urged", "urges",
                  "told", "tells", "greeted", "greets", "phoned", "accused", "accuses", "blamed", "blames",
                  "welcomed", "welcomes", "replaced", "replaces", "succeeded", "succeeds", "defeated", "defeats",
                  "challenged", "challenges", "attacked", "attacks", "visited", "visits")
ROLE_CUE_REACH = 4
# Prepositions that put an event in a place ("through X" for what moves: "the storm swept through
# X"; "passed" is a crossing verb). "near X" is read as X, as readers do; "outside X" and "around X" are not.
LOCATIVE = ("in", "at", "inside", "within", "near", "through", "across", "throughout")
# Nouns for a stretch of a place that stand for the place ("the coast of X", "the streets of X", "the
# X-Y coastline", "the X coast"): "to" and "on" before them place the event too ("took to the streets
# of X", "made landfall on the X coast").
AREA_NOUNS = ("coast", "coasts", "coastline", "shore", "shores", "streets", "provinces", "regions", "districts",
              "parts", "mainland", "interior", "seaboard")
AREA_PREPS = ("to", "on", "onto")
# Words that name a body of water ("Lake Oltan", "the Varesk River"): a boat sinks *on* it, as an
# event happens *in* a town, so "on" before such a name places the event too.
WATER_WORDS = ("lake", "river", "sea", "bay", "gulf", "strait", "straits", "channel", "ocean", "lagoon",
               "reservoir", "canal", "estuary", "sound")
# Verbs whose object is the ground an event covers ("the hurricane battered the coast of X", "the
# quake hit X and Y"), when the event is their subject or they are the event's own verbs.
IMPACT_VERBS = ("hit", "hits", "struck", "strikes", "battered", "batters", "lashed", "lashes", "pounded", "pounds",
                "ravaged", "rocked", "rocks", "jolted", "shook", "slammed", "devastated", "swept", "sweeps",
                "engulfed", "flooded", "inundated", "filled", "paralysed", "paralyzed")
# Verbs of motion whose "over" is a preposition, not "more than": "the landslide swept over 46 homes",
# "the plane flew over 30 villages" name the things passed over, exactly.
OVER_VERBS = frozenset("""swept sweep sweeps sweeping spread spreads spreading flew fly flies flying flown
    rolled roll rolls rolling washed wash washes washing poured pour pours pouring flowed flow flows flowing
    ran run runs running passed pass passes passing spilled spill spills spilling tumbled tumble tumbles
    slid slide slides sliding crashed crash crashes crashing cascaded cascade cascades cascading
    surged surge surges surging hovered hover hovers hovering""".split())
# Words of an event's point (where a quake starts, where a storm comes ashore): a rule about the point
# never takes the ground the event swept ("struck central X" gives no epicentre).
POINT_WORDS = ("epicentre", "epicenter", "epicentres", "epicenters", "hypocentre", "hypocenter", "landfall",
               "ashore", "centred", "centered")
# Prepositions of a path ("swept through the port of X", "rolled across X"): the ground an event
# crossed, never the point it started from.
PATH_PREPS = ("through", "across", "throughout")
# Verbs of sensing: a place after them is where the event reached, not where it happened ("the quake
# was also felt in X", "the blast was heard across X").
SENSING_VERBS = ("felt", "heard", "sensed")
# A place named beside the ground an event covers, not the ground itself ("struck X and neighbouring Y").
NEIGHBOUR_WORDS = ("neighbouring", "neighboring", "nearby", "adjacent", "neighbour", "neighbor")
CROSSING_VERBS = tuple("cross crossed crosses crossing entered enter enters entering passed pass".split())
CROSSING_PREPS = ("at", "via", "through", "from", "over")
CROSSING_NOUNS = ("border crossing", "crossing point", "checkpoint", "check point", "border gate",
                  "border post", "border point", "crossing", "border")
PLACE_NOUNS = ("region", "province", "district", "area", "county", "city", "town", "village", "valley", "hamlet",
               "suburb",
               "governorate", "oblast", "prefecture", "state", "municipality", "zone", "territory",
               "enclave", "border crossing", "checkpoint", "crossing", "border", "port", "island", "base",
               "range", "site")

# A trigger after the date it bounds reaches back only this far ("On Sunday, the drill began").
TRIGGER_AFTER_REACH = 6
# Conjunctions that open a clause of their own: what follows tells of another happening, with its own date
SUBORDINATORS = frozenset("after before as when while since until once because although though whereas".split())
# Tense cues: the one nearest a weekday decides whether it points forward from the reference date
# (future, or an ongoing event's end: "runs until Wednesday") or back (past).
FUTURE_CUES = ("will", "would", "shall", "is expected", "are expected", "expected to", "is set to", "are set to",
               "is scheduled", "are scheduled", "scheduled to", "is due", "are due", "due to", "plans to",
               "planned", "going to", "is to", "are to", "upcoming", "coming", "next", "runs", "continues",
               "lasts", "ends", "concludes", "wraps up", "set to", "starts", "begins", "opens", "kicks off")
PAST_CUES = ("began", "started", "launched", "opened", "kicked off", "ended", "concluded", "closed", "finished",
             "wrapped up", "completed", "was", "were", "had", "took", "held", "staged", "conducted", "got",
             "commenced", "returned", "last", "ran", "lasted", "continued", "has", "have", "did",
             "occurred", "happened", "struck", "erupted", "exploded")  # "happened on Monday due to a gas leak": past

# A plan told as one that did not hold: "was to have ended on Monday", "had been due to end on
# Friday", "was originally scheduled to open". Its verb's date is not what happened.
UNFULFILLED_PLAN = (r"\b(?:was|were)\s+(?:originally\s+)?to\s+have\s+$",
                    r"\bhad\s+(?:originally\s+)?been\s+(?:originally\s+)?(?:due|scheduled|set|expected|supposed|meant|"
                    r"planned|slated|intended)\s+to\s+$",
                    r"\b(?:was|were)\s+(?:originally\s+)?(?:supposed|meant)\s+to\s+(?:have\s+)?$",
                    r"\b(?:was|were)\s+originally\s+(?:due|scheduled|set|expected|planned|slated)\s+to\s+$")

# Words that open a noun phrase: what stands before a noun, never a verb ("a crowded train").
DETERMINERS = frozenset(("the", "a", "an", "this", "these", "that", "those", "its", "their", "our", "his", "her"))
# Determiners that make an event noun refer to one known event ("the drill", "this exercise").
DEFINITE = ("the", "this", "these", "that", "those", "its", "their", "today's", "this year's", "this week's")
# Modifiers that make an event noun this event even with no determiner ("joint exercise commander").
EVENT_MARKERS = ("joint", "current", "ongoing", "latest", "recent", "present", "combined")
# Words that may stand between a determiner and an event noun ("the large-scale joint military
# drill"). Reading back from the noun stops at any other lower-case word, so a verb or another noun
# ("a delegation observed drills") never makes a cue. Capitalized words and numbers also pass.
EVENT_NOUN_MODIFIERS = frozenset("""
military naval navy air ground land special tactical strategic large scale small annual biennial bilateral
trilateral multinational international regional combined command staff live fire field combat
counterterrorism counter terrorism anti terror training rescue border defensive offensive mock forces
operational amphibious mountain desert urban night airborne simulated surprise snap major massive
first second third fourth fifth final inaugural opening closing main day days week weeks month long
ongoing upcoming forthcoming remaining continuing coming planned scheduled proposed so called
deadly devastating massive huge big small fierce raging catastrophic tragic fatal horrific terrible
worst deadliest biggest largest latest recent historic unprecedented rare overnight early late
morning evening night weekend violent powerful strong minor serious severe heavy suspected
alleged reported apparent official unofficial nationwide general partial total
""".split())
# Nouns that an event noun only qualifies ("the fire service", "fire doors"): no cue. Not "area" or
# "site": "the exercise area in Alsace" is where the event is.
COMPOUND_HEADS = frozenset("""
service services department departments brigade brigades fighter fighters crew crews station stations
truck trucks engine engines door doors exit exits escape escapes alarm alarms safety hazard hazards
extinguisher extinguishers insurance code codes inspector inspectors marshal marshals hydrant hydrants
season seasons schedule schedules plan plans sergeant sergeants manual manuals
commission commissions committee committees council councils board boards authority authorities agency
agencies office offices bureau bureaus centre centres center centers headquarters
chief chiefs captain captains official officials map maps warning warnings danger risk weather
""".split())
# A place right before one of these is the scope of a record, not where something is ("the worst
# fire in Corvania history"); so is one after "history of".
RECORD_NOUNS = ("history", "annals")
# Verb forms without a regular ending; with -ed and -ing words they end an event's noun phrase
# ("a fire at the factory [rose] to 33 on Friday").
VERB_FORMS = frozenset("""
is are was were be been being has have had do does did will would shall should can could may might must
rose rise rises fell fall falls said says told took take takes gave give came come comes went go goes left
kept held began begin begins ran run runs brought bring found put made make makes saw see knew grew hit
cut set led met sent spent stood won lost paid built broke spoke wrote drove flew threw fought caught
sought bought thought struck stuck shut spread burnt became become got get gets kills killed
""".split())
# Verbs of reporting: a date right after one is when something was said, not when it happened.
REPORTING_VERBS = ("said", "says", "told", "announced", "reported", "confirmed", "stated", "added", "noted",
                   "claimed", "tweeted", "wrote", "declared", "revealed", "disclosed", "recalled")
# Modifiers that turn an event noun into an earlier edition of it.
PREVIOUS_MARKERS = ("previous", "prior", "earlier", "last", "past", "preceding", "former", "similar")
PREVIOUS_PHRASES = ("not the first of its kind", "not the first such", "not the first time", "the first was",
                    "the previous one", "the last one", "the earlier one")
# Modifiers that turn an event noun into a different event ("a separate naval drill").
OTHER_MARKERS = ("separate", "another", "unrelated", "different", "parallel", "other", "upcoming", "next",
                 "future", "planned", "own", "preparatory", "preliminary")
# A prefix joined by a hyphen that makes a word the opposing side's: "counter-protesters" are not the
# protesters, nor a "counter-rally" the rally.
OPPOSING_PREFIXES = frozenset({"counter"})
# Activities that are not the event, though reported next to it: a date governed by one of these
# nouns ("a visit on 19 May") belongs to it, not to the event.
OTHER_ACTIVITIES = tuple(
    "visit visits trip trips talks meeting meetings tour ceremony ceremonies conference summit "
    "session sessions call speech interview statement announcement report briefing article "
    "commentary photo caption agreement deal election elections protest attack attacks war "
    "massacre invasion offensive campaign"
.split())
ACTIVITY_MODIFIERS = frozenset("official state working press private public brief phone telephone".split())
# After a duration these words make it an offset ("two days after"), an age, or a rate.
DURATION_NEGATIVE_NEXT = ("after", "before", "later", "earlier", "ago", "prior", "from", "old", "since",
                          "apart", "away", "behind", "ahead", "beforehand", "into")

# Page furniture: a line that is one of these (or, for phrases of three words or more, starts with
# it) ends the article; everything after it is cut.
TAIL_MARKERS = (
    "popular posts from this blog", "related articles", "related posts", "related stories", "related news",
    "share the article", "share this article", "about the author", "to cite this article", "read more",
    "more from", "you may also like", "recommended for you", "more stories", "also read", "latest news",
    "most read", "comments", "leave a comment", "subscribe to our newsletter", "sign up for our newsletter",
    "tags", "references", "footnotes", "notes", "sources", "read also", "see also", "more on this story",
)
# Lines cut on their own: navigation, credits, footnotes, captions, links to other stories inside
# the body ("Also read: ..."), tag lists, credit lines, share and subscribe prompts.
LINE_MARKERS = (
    r"skip to (?:main )?content", r"edit content", r"(?:photo|image|picture|video|credit|source)s?\s*:",
    r"!\[",  # a picture in a page kept as markdown: "![caption](address)"
    r"\[\d+\]", r"\^?\d+\.\s+\S.*\b(?:accessed|retrieved)\b", r"share(?: this)?\s*:?$", r"advertisement$",
    r"copyright\b", r"©", r"all rights reserved", r"(?:by|author|written by)\s*:",
    r"(?:also read|read also|read more|must read|also see|see also|related|recommended|watch|listen|trending|"
    r"don'?t miss|read)\s*(?::|\||>>|»|-+\s)",
    r"(?:tags|topics|filed under|keywords|categories)\s*:",
    r"[(\[]\s*with inputs? from\b", r"(?:-+\s*)?with inputs? from [^.,]{1,60}\.?$",  # not "With input from X, the ..."
    r"\((?:additional )?(?:reporting|writing|editing) by\b", r"additional reporting by\b",
    r"(?:share (?:on|this|via)|follow (?:us|our)|subscribe\b|sign up (?:for|to)\b|click here|download (?:the|our) app|"
    r"join our)",
    r"(?:article|story) continues (?:after|below)", r"featured stories$",
    r"(?:image|photo|picture|video) (?:caption|credit|courtesy|source)s?\b", r"file (?:photo|image|picture)\b",
    # agency captions: "This image made from video shows ...", "In this photo taken on Friday, ..."
    r"(?:in )?this (?:[\w-]+ ){0,2}(?:image|photo|photograph|picture|frame grab|video grab)\b[^.]{0,80}?"
    r"\b(?:shows?|taken|made|provided|released|obtained)\b",
)
# A line with one of these is a photo caption, not the article's own reporting: positions, credits
# ("PHOTO: AFP", "| Photo Credit: X", "(Jane Roe/Agency)" closing the line), file pictures.
CAPTION_MARKERS = (r"\((?:center|centre|left|right|top|bottom|front|back)(?:[ -](?:left|right|center|centre))?\)",
                   r"\(pictured\)", r"\b(?:pictured\b|photo(?:graph)?:|picture:|ap photo\b|(?:photo|image|picture|video) (?:credit|courtesy)\b|"
                   r"(?:courtesy|credits?)\s*:|file (?:photo|image|picture)\b|getty images\b)")
# A caption's closing credit: "(Jane Roe/Agency)", or an agency alone after the sentence, in
# round or square brackets ". (AP)", ". [AP]".
CAPTION_CREDIT = (r"(?:\([A-Z][^()/]{1,40}/\s*[A-Z][^()/]{1,40}\)|[.!?][\"']?\s*"
                  r"(?:\([A-Z][\w\-]{1,20}(?: Photo)?\)|\[[A-Z][\w\-]{1,20}(?: Photo)?\]))$")
# An author's bio: a name, then what the person is ("Jane Roe is a correspondent based in Lyon").
AUTHOR_BIO = (r"^\s*[A-Z][\w'.\-]+(?:\s+[A-Z][\w'.\-]+){1,3}\s+(?:is|was)\s+(?:a|an|the)\b[^.]{0,80}?"
              r"\b(?:journalist|correspondent|reporter|writer|editor|columnist|contributor|photographer|"
              r"photojournalist|author)s?\b")

# Ranks, their abbreviations, and the broader rank each is a kind of.
RANKS = {
    "General": ("Gen", "Gen.", "Four Star General", "Four-Star General", "Full General"),
    "Lieutenant General": ("Lt. Gen.", "Lt Gen", "Lt.-Gen.", "Lieutenant-General"),
    "Major General": ("Maj. Gen.", "Maj Gen", "Maj.-Gen.", "Major-General"),
    "Brigadier General": ("Brig. Gen.", "Brig Gen", "Brig.-Gen.", "Brigadier-General"),
    "Brigadier": ("Brig.",),
    "Second Brigadier General": ("2nd Brigadier General", "2nd Brig. Gen.", "Second Brig. Gen."),
    "Colonel": ("Col.", "Col"),
    "Lieutenant Colonel": ("Lt. Col.", "Lt Col", "Lieutenant-Colonel"),
    "Major": ("Maj.",),
    "Captain": ("Capt.", "Capt"),
    "Lieutenant": ("Lt.", "Lt"),
    "Admiral": ("Adm.", "Adm"),
    "Rear Admiral": ("Rear Adm.", "Rear-Admiral", "RAdm."),
    "Vice Admiral": ("Vice Adm.", "Vice-Admiral", "VAdm."),
    "Commodore": ("Cdre.",),
    "Field Marshal": (),
    "Sergeant": ("Sgt.", "Sgt"),
}
RANK_BROADER = {
    "Lieutenant General": "General", "Major General": "General", "Brigadier General": "General",
    "Second Brigadier General": "General", "Rear Admiral": "Admiral", "Vice Admiral": "Admiral",
}

# Civilian titles that introduce a person's name ("Deputy Commissioner Abdul Karim Mollah").
TITLES = (
    "President", "Vice President", "Prime Minister", "Deputy Prime Minister", "Minister", "Deputy Minister",
    "Foreign Minister", "Defence Minister", "Defense Minister", "Interior Minister", "Home Minister",
    "Secretary", "Additional Secretary", "Joint Secretary", "Deputy Secretary", "Commissioner",
    "Deputy Commissioner", "Police Commissioner", "Governor", "Mayor", "Deputy Mayor", "Chief",
    "Fire Chief", "Police Chief", "Director", "Deputy Director", "Director General", "Chairman",
    "Chairwoman", "Chair", "Spokesman", "Spokeswoman", "Spokesperson", "Superintendent", "Inspector",
    "Senator", "Ambassador", "Judge", "Justice", "Dr", "Dr.", "Prof", "Prof.", "Mr", "Mr.", "Mrs", "Mrs.",
    "Ms", "Ms.", "Sheikh", "Ayatollah", "Hojatoleslam", "Imam", "Bishop", "Archbishop", "Patriarch",
    "King", "Queen", "Prince", "Princess", "Emir", "Sultan", "Officer", "Sergeant", "Constable",
)
# "Director General", "Secretary General": a title, not the rank General.
NOT_RANK_BEFORE = ("director", "secretary", "attorney", "solicitor", "inspector", "governor", "surgeon",
                   "postmaster", "consul", "auditor", "comptroller", "judge", "advocate")

# Abbreviations a sentence never ends on.
ABBREVIATIONS = {
    "gen", "brig", "lt", "col", "maj", "capt", "adm", "sgt", "cdr", "cdre", "mr", "mrs", "ms", "dr", "prof",
    "st", "no", "vs", "etc", "approx", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct",
    "nov", "dec", "u.s", "u.k", "u.n", "e.g", "i.e", "a.m", "p.m", "inc", "co", "corp", "ltd", "jr", "sr", "rev", "gov",
    "sen", "rep", "pres", "fig", "vol", "p", "pp", "ft", "mt", "ave", "est", "dept", "univ",
}

# Attribution: who states a fact. Generic voices news cites without a name ("officials said",
# "state media reported"); a named agency, person or outlet is read from its capitals.
ATTRIBUTION_NOUNS = (
    "officials", "official", "authorities", "authority", "government", "local government", "ministry",
    "police", "military", "army", "junta", "state media", "state television", "state tv", "state radio",
    "local media", "media", "news agency", "state news agency", "spokesman", "spokeswoman", "spokesperson",
    "rescuers", "rescue workers", "health officials", "hospital officials", "witnesses", "residents",
    "local residents", "aid agencies", "aid groups", "agency", "department", "survey", "center", "centre",
    "institute", "office", "council", "committee", "service", "scientists", "experts", "seismologists",
    # office holders and responders who give figures in their own name ("the province's governor said")
    "governor", "mayor", "minister", "chief", "director", "commissioner", "sheriff", "coroner", "coastguard",
    "coast guard", "doctors", "medics", "firefighters", "services", "emergency services",
    # those who call a protest or strike give its crowd in their own name ("while organisers said 50,000")
    "organisers", "organizers", "organiser", "organizer", "unions",
)
ATTRIBUTION_VERBS = ("said", "says", "told", "reported", "reports", "confirmed", "announced", "stated",
                     "noted", "notes", "estimated", "estimates", "recorded", "measured", "put", "puts",
                     "added", "wrote", "tweeted", "posted", "placed", "located")
# Nouns that carry someone's words: "according to a televised statement by …", "data released by …".
ATTRIBUTION_CARRIERS = ("statement", "statements", "data", "figures", "figure", "report", "reports",
                        "estimate", "estimates", "count", "tally", "update", "bulletin", "briefing",
                        "announcement", "post", "reading", "readings", "measurement", "measurements")

# Casualty kinds news keeps apart: a count of one is never a count of another ("81 people remain
# missing" is no death toll). A count rule whose triggers name none of a kind's words leaves a
# number that this kind's word follows.
CASUALTY_KINDS = {
    "dead": ("dead", "killed", "deaths", "died", "fatalities", "lives", "bodies", "death"),
    "injured": ("injured", "injuries", "hurt", "wounded", "injuring"),
    "missing": ("missing", "unaccounted"),
    "displaced": ("displaced", "homeless", "evacuated", "evacuees", "sheltering", "uprooted"),
    "rescued": ("rescued", "saved", "survivors", "pulled"),
    "trapped": ("trapped", "buried"),
    "arrested": ("arrested", "detained", "arrests", "detentions", "apprehended", "jailed"),
    # an estimate of deaths not yet confirmed ("12 miners are feared dead", "40 are feared to have
    # drowned", "presumed dead"): a toll of its own, never the confirmed one
    "feared": ("feared", "presumed"),
}
# Verbs by which a toll's figure changes or stands ("the toll from Monday's collapse in X rose
# sharply to 21"): the noun that opens the clause counts the number right after the verb, however
# long its own phrase.
COUNT_CHANGE_VERBS = ("rose", "risen", "rises", "rising", "climbed", "climbs", "jumped", "jumps", "reached",
                      "reaches", "stood", "stands", "increased", "soared", "mounted", "swelled", "grew", "grown",
                      "topped", "surpassed", "exceeded", "passed", "hit")
# Words that may stand between such a verb and its figure ("rose sharply overnight to at least 21").
COUNT_CHANGE_FILLERS = ("to", "at", "sharply", "overnight", "further", "again", "steadily", "now", "since",
                        "least", "more", "than", "over", "nearly", "almost", "about", "some", "around")
COUNT_SUBJECT_REACH = 18  # words of the noun's own phrase before its verb, a relative clause and a place's name with it
# Verbs of care: the people they count are the injured, whatever they were treated for ("medics
# treated 40 people for burns", "dozens were hospitalised with smoke inhalation").
CARE_VERBS = ("treated", "hospitalised", "hospitalized", "taken to hospital", "rushed to hospital",
              "admitted to hospital")
# Counting nouns that say nothing of what is counted ("police gave a figure of 107,000", "organisers
# put the number at 300,000"): their figure counts what the paragraph counted just before.
GENERIC_COUNT_NOUNS = ("figure", "figures", "number", "tally", "total", "count", "estimate", "estimates")
GENERIC_COUNT_LINKS = ("of", "at", "to", "was", "is", "stood", "stands", "reached", "rose", "risen", "climbed",
                       "had", "has", "now", "as", "least", "about", "some", "around", "nearly", "more", "than")
# Nouns for the people a count counts ("30 protesters were detained", "58 passengers killed", "eight crew
# members"): they say who, not what befell them.
PEOPLE_NOUNS = ("people", "persons", "individuals", "others", "workers", "residents", "civilians", "children",
                "passengers", "protesters", "demonstrators", "participants", "students", "crew", "crewmembers",
                "members", "pupils", "patients", "soldiers", "tourists", "pilgrims", "villagers", "miners",
                "employees", "staff", "adults", "women", "men", "girls", "boys", "teenagers", "campers", "hikers",
                "climbers", "fishermen", "visitors", "guests", "volunteers", "firefighters", "rescuers",
                # the crowd at a gathering, a crush or an attack ("nine fans got hurt")
                "devotees", "worshippers", "spectators", "fans", "shoppers", "commuters", "mourners",
                "attendees", "revellers", "bystanders", "officers", "policemen")
# The same nouns in the singular, after "one" ("one passenger was confirmed dead", "a man remains missing").
PERSON_NOUNS = ("person", "individual", "worker", "resident", "civilian", "child", "passenger", "protester",
                "student", "crewmember", "member", "pupil", "patient", "soldier", "tourist", "pilgrim", "villager",
                "miner", "employee", "adult", "woman", "man", "girl", "boy", "teenager", "camper", "hiker",
                "climber", "fisherman", "visitor", "guest", "volunteer", "firefighter", "rescuer",
                "devotee", "worshipper", "spectator", "fan", "shopper", "commuter", "mourner", "attendee",
                "reveller", "bystander", "officer", "policeman")
# Between a number and the word that says what it counts ("81 people remain missing").
COUNT_FILLERS = PEOPLE_NOUNS + PERSON_NOUNS + ("other", "more", "were", "was", "are", "is", "have", "has", "had", "been", "remain",
                                "remained", "still", "reported", "confirmed", "reportedly", "believed",
                                "listed", "as", "being", "left", "people's", "who", "said", "thought", "to",
                                "got", "get")
# A forecast, projection or scenario is not a figure: "could reach 1,000", "may exceed", "is estimated
# to rise to", "a 35% chance of 10,000 deaths".
FORECAST_BEFORE = (
    r"\b(?:could|may|might|would|will|expected\s+to|likely\s+to|feared\s+to|set\s+to|projected\s+to|"
    r"forecast\s+to|estimated\s+to|predicted\s+to|poised\s+to|on\s+course\s+to)\s+(?:\w+\s+){0,3}?"
    r"(?:reach|rise|exceed|surpass|top|climb|range|hit|increase|go|be|grow|pass|jump|soar|double|mount)"
    r"\w*\b[^.;]{0,40}$",
    r"\b(?:chance|probability|likelihood|risk|scenario)\s+(?:of|that)\s+[^.;]{0,25}$",
    r"\b(?:projection|projections|forecast|forecasts|scenario|scenarios)\s+(?:of|that|for)\b[^.;]{0,30}$",
)
# Structures a count may be confined to ("killed three workers at the site", "a mosque in X").
STRUCTURES = ("site", "building", "buildings", "mosque", "mosques", "monastery", "monasteries", "temple",
              "temples", "church", "churches", "pagoda", "pagodas", "school", "schools", "hospital",
              "tower", "high-rise", "bridge", "market", "mall", "hotel", "dormitory", "block", "complex")
# Vehicles sent to an emergency: "about 50 ambulances" counts vehicles, never people.
VEHICLE_NOUNS = ("ambulances", "helicopters", "vehicles", "boats", "trucks", "lorries", "buses", "cars", "tankers")
# Where the dead died, when news splits a toll between the two: "12 died at the scene, three in hospital".
DIED_AT_SCENE = (r"at\s+the\s+(?:scene|spot)", r"on\s+the\s+spot")
DIED_IN_HOSPITAL = (r"(?:in|at)\s+(?:a\s+|the\s+)?hospital", r"on\s+the\s+way\s+to\s+(?:a\s+|the\s+)?hospital")
# Sites an industrial event happens at, named after their place: "the Varnmouth port explosion",
# "the Lyon plant's blast" are where it happened.
SITE_NOUNS = ("port", "plant", "factory", "refinery", "mine", "depot", "warehouse", "terminal", "works",
              "facility", "dock", "docks", "harbour", "harbor", "site", "mill", "quarry")
# Words that make an event a record ("the deadliest crash since 1998"), besides those in -iest.
SUPERLATIVES = ("worst", "biggest", "largest", "strongest", "greatest", "highest", "longest", "most", "first")
# A place as the subject of its sentence confines what follows ("Colmar suffered 69 deaths").
SCOPE_VERBS = ("suffered", "recorded", "reported", "saw", "had", "counted", "accounted", "registered", "alone")
# People who speak for where they are: "officials in X confirmed nine deaths" counts X's dead only
# (an institution is different: "the ministry in the capital said" gives where it sits).
LOCAL_VOICES = ("officials", "authorities", "rescuers", "doctors", "medics", "police", "hospitals", "residents",
                "volunteers", "responders", "firefighters", "workers", "staff", "leaders", "administrators")
# Subjects of idioms that borrow an event's verb: "tragedy struck in X" says nothing of the event.
IDIOM_SUBJECTS = ("tragedy", "disaster", "catastrophe", "calamity", "panic", "fear", "lightning", "misfortune",
                  "chaos", "grief", "crisis")
# Words that deny the verb after them: "never came ashore in X", "did not strike X".
NEGATIONS = frozenset("not never didn't doesn't don't hasn't haven't hadn't wasn't weren't won't isn't aren't".split())
BE_FORMS = frozenset("is are was were be been being".split())
# A voice that points back to the agency named before it ("the agency also recorded ...").
ANAPHORIC_VOICES = ("agency", "survey", "center", "centre", "institute", "network", "service", "ministry",
                    "department", "office", "committee", "council")


# A count trigger that ends on a participle ("homes destroyed") is written with an auxiliary
# inside it as often as without: "400 homes were destroyed", "300 homes have been damaged".
PASSIVE_AUXILIARIES = ("were", "was", "are", "is", "have been", "has been", "had been", "being")


@functools.lru_cache(maxsize=None)
def passive_forms(triggers: tuple[str, ...]) -> tuple[str, ...]:
    """The triggers, and each one ending on a participle with the auxiliaries news puts before it."""
    out = list(triggers)
    for tr in triggers:
        *head, last = tr.split()
        if head and last.endswith("ed") and head[-1] not in _AUXILIARY_WORDS:
            out += [" ".join((*head, aux, last)) for aux in PASSIVE_AUXILIARIES]
    return tuple(dict.fromkeys(out))


_AUXILIARY_WORDS = {w for aux in PASSIVE_AUXILIARIES for w in aux.split()} | {"be", "had", "has", "have"}
