package socialdesk.core.triage;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The rule half of the triage: category, severity, language, the reasons, and advice for a human,
 * from cue phrases. {@link CommentTriage} combines it with the learned model.
 *
 * <p>Deterministic: English and Vietnamese lexicons (Vietnamese with or without
 * diacritics, teen-code expanded), negation ("not bad", "chẳng tệ"), sarcasm, contrast ("ngon
 * nhưng nguội"), ALL-CAPS and emoji. The decisive distinction: an angry or sworn comment with an
 * actionable complaint is a {@link Category#CONCERN}; insults with nothing to act on are
 * {@link Category#ABUSE}; profanity used as an intensifier ("ngon vl") is neither.
 *
 * <p>Thread-safe and immutable. The lexicon is loaded once per class loader.
 */
final class RuleTriage {
    private static final Lexicon LEXICON = Lexicon.load("lexicon.txt");
    
    private static final int NEGATION_WINDOW = 3;
    private static final int TARGET_WINDOW = 4;
    private static final int MAX_REASONS = 6;
    /** The reason given when no cue decided: a NEUTRAL the rules are not sure of. */
    static final String NO_CUE = "no cue";

    /** Vietnamese abbreviations and teen-code, expanded before matching. */
    private static final Map<String, String> VI_SHORT = Map.ofEntries(
            Map.entry("ko", "không"), Map.entry("k", "không"), Map.entry("kh", "không"), Map.entry("khg", "không"),
            Map.entry("hok", "không"), Map.entry("hk", "không"), Map.entry("hông", "không"), Map.entry("hong", "không"),
            Map.entry("khum", "không"), Map.entry("kô", "không"), Map.entry("kg", "không"), Map.entry("khong", "không"),
            Map.entry("dc", "được"), Map.entry("đc", "được"), Map.entry("dk", "được"), Map.entry("đk", "được"),
            Map.entry("r", "rồi"), Map.entry("trl", "trả lời"), Map.entry("tl", "trả lời"), Map.entry("nv", "nhân viên"),
            Map.entry("sp", "sản phẩm"), Map.entry("ad", "admin"), Map.entry("j", "gì"), Map.entry("z", "vậy"),
            Map.entry("v", "vậy"), Map.entry("ntn", "như thế nào"), Map.entry("mn", "mọi người"), Map.entry("mng", "mọi người"),
            Map.entry("cty", "công ty"), Map.entry("sdt", "số điện thoại"), Map.entry("sđt", "số điện thoại"),
            Map.entry("ib", "inbox"), Map.entry("tk", "tài khoản"), Map.entry("acc", "tài khoản"), Map.entry("vs", "với"), Map.entry("cx", "cũng"), Map.entry("cg", "cũng"),
            Map.entry("lm", "làm"), Map.entry("bh", "bao giờ"), Map.entry("ng", "người"), Map.entry("thg", "thằng"),
            Map.entry("trc", "trước"), Map.entry("iu", "yêu"), Map.entry("nma", "nhưng mà"), Map.entry("hnay", "hôm nay"),
            Map.entry("đt", "điện thoại"), Map.entry("dt", "điện thoại"), Map.entry("qa", "quá"), Map.entry("wa", "quá"),
            Map.entry("bik", "biết"), Map.entry("bít", "biết"), Map.entry("mik", "mình"), Map.entry("mk", "mình"),
            Map.entry("cmt", "comment"), Map.entry("dth", "dễ thương"), Map.entry("đth", "dễ thương"),
            Map.entry("tks", "cảm ơn"), Map.entry("thks", "cảm ơn"), Map.entry("cám", "cảm"), Map.entry("bt", "bình thường"),
            Map.entry("ns", "nói"), Map.entry("oy", "rồi"), Map.entry("ròi", "rồi"), Map.entry("hum", "hôm"),
            Map.entry("đm", "đm"), Map.entry("lun", "luôn"));
    /** English contractions typed without apostrophes, and chat spellings. */
    private static final Map<String, String> EN_SHORT = Map.ofEntries(
            Map.entry("dont", "don't"), Map.entry("cant", "can't"), Map.entry("didnt", "didn't"), Map.entry("doesnt", "doesn't"),
            Map.entry("isnt", "isn't"), Map.entry("wasnt", "wasn't"), Map.entry("arent", "aren't"), Map.entry("wont", "won't"),
            Map.entry("havent", "haven't"), Map.entry("hasnt", "hasn't"), Map.entry("couldnt", "couldn't"),
            Map.entry("im", "i'm"), Map.entry("ive", "i've"), Map.entry("ill", "i'll"), Map.entry("youre", "you're"),
            Map.entry("u", "you"), Map.entry("ur", "your"), Map.entry("pls", "please"), Map.entry("plz", "please"),
            Map.entry("thx", "thanks"), Map.entry("wat", "what"), Map.entry("wheres", "where's"), Map.entry("whats", "what's"),
            Map.entry("r", "are"), Map.entry("cuz", "because"), Map.entry("tho", "though"), Map.entry("ya'll", "y'all"));

    /** Common unaccented Vietnamese words (folded) that are not English words. */
    private static final Set<String> VI_WORDS = words("khong", "ko", "dc", "duoc", "roi", "nha", "nhe", "oi", "vay", "gi",
            "cua", "nay", "thi", "voi", "minh", "toi", "cai", "dang", "bi", "nhung", "qua", "lam", "den", "chua", "het",
            "luon", "nua", "thoi", "hok", "hong", "mik", "tao", "nguoi", "cung", "phai", "trong", "ngay", "hom", "moi",
            "biet", "muon", "dung", "giao", "hang", "tien", "mua", "ban", "sao", "nao", "ai", "di", "la", "ma", "co",
            "cho", "ve", "ra", "vao", "tren", "duoi", "nhu", "the", "thay", "nhan", "chi", "anh", "em", "chung", "cac",
            "nhieu", "ngon", "dep", "re", "mau", "shop", "ad", "sp", "k", "j", "z", "vl", "vcl", "dm", "clgt", "ntn", "bt",
            "quan", "mon", "an", "uong", "gio", "lan", "nhat", "hon", "rat", "lai", "ne", "nhi", "a", "u", "tr", "trieu",
            "tai", "xe", "ship", "don", "dat", "tra", "loi", "mang", "goi", "cuoc", "sim", "may", "bay", "chuyen", "ve",
            "nhanh", "cham", "tre", "ngu", "oc", "cho", "thang", "con", "may", "nhin", "xem", "hay", "dau", "ca", "sang");
    private static final Set<String> EN_WORDS = words("the", "is", "are", "was", "were", "of", "and", "you", "my", "your",
            "it", "this", "that", "for", "with", "have", "has", "not", "just", "what", "how", "does", "we", "they", "from",
            "get", "got", "will", "can", "but", "i", "i'm", "be", "at", "so", "all", "there", "here", "why", "when", "who",
            "would", "should", "could", "been", "about", "like", "they're", "it's", "don't", "didn't", "your", "our", "lol",
            "if", "or", "in", "on", "to", "a", "an", "no", "yes", "one", "time", "today", "order", "week", "still", "after");

    /** Context words that only say who is addressed, not what went wrong. */
    private static final String[] PRONOUNS = {"you", "your", "you're", "youre", "y'all", "yall", "ban", "cac"};
    /** The writer speaking of their own experience. */
    private static final String[] FIRST_PERSON = {"i", "i'm", "i've", "my", "me", "we", "we're", "our", "us",
            "toi", "minh", "em", "tui", "tao"};

    private static Set<String> words(String... words) {
        return Set.copyOf(List.of(words));
    }

    RuleTriage() {
        if (LEXICON.size() == 0) {
            throw new IllegalStateException("empty triage lexicon");
        }
    }

    /**
     * Triage one comment by the rules alone.
     *
     * @param text     the comment (null is treated as empty)
     * @param langHint {@code en} or {@code vi} when known; anything else (or null) means detect
     */
    TriageResult triage(String text, String langHint) {
        return analyse(text, langHint).decide();
    }

    /** The cues found in one comment, from which a decision (the rules' own, or one the model asks for) is made. */
    Analysis analyse(String text, String langHint) {
        TextScanner.Scan scan = TextScanner.scan(text == null ? "" : text);
        String lang = "en".equals(langHint) || "vi".equals(langHint) ? langHint : detectLanguage(scan);
        boolean vi = "vi".equals(lang);
        List<Token> tokens = expand(scan.tokens(), vi);
        List<Lexicon.Hit> hits = LEXICON.scan(tokens, vi);
        return new Analysis(tokens, hits, scan, lang);
    }

    /** {@code vi} when the text has Vietnamese letters or mostly Vietnamese function words, else {@code en}. */
    static String detectLanguage(TextScanner.Scan scan) {
        if (scan.vietnameseLetters()) {
            return "vi";
        }
        int vi = 0;
        int en = 0;
        for (Token t : scan.tokens()) {
            if (t.shape() != Token.Shape.WORD) {
                continue;
            }
            String w = t.fold1() != null ? t.fold1() : t.fold();
            if (EN_WORDS.contains(w)) {
                en++;
            } else if (VI_WORDS.contains(w)) {
                vi++;
            }
        }
        return vi >= 2 && vi > en ? "vi" : "en";
    }

    private static List<Token> expand(List<Token> tokens, boolean vi) {
        Map<String, String> shorts = vi ? VI_SHORT : EN_SHORT;
        List<Token> out = null;
        for (int i = 0; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            String full = t.shape() == Token.Shape.WORD ? shorts.get(t.text()) : null;
            if (full != null && vi && t.text().equals("bt") && i > 0 && tokens.get(i - 1).is("khong", "ko", "k", "chua")) {
                full = "biết";
            }
            if (full == null || full.equals(t.text())) {
                if (out != null) {
                    out.add(t);
                }
                continue;
            }
            if (out == null) {
                out = new ArrayList<>(tokens.size() + 4);
                out.addAll(tokens.subList(0, i));
            }
            for (String w : full.split(" ")) {
                out.add(TextScanner.word(w, t.quoted()));
            }
        }
        return out == null ? tokens : out;
    }

    /** The evidence gathered from one comment's cues, and the decision made from it. */
    static final class Analysis {
        private final List<Token> tokens;
        private final List<Lexicon.Hit> hits;
        private final TextScanner.Scan scan;
        private final String lang;
        private final boolean[] negatorEnds;
        private final boolean[] contrastAt;
        private final boolean[] barrier;

        private final List<Lexicon.Hit> concerns = new ArrayList<>();
        private final List<Lexicon.Hit> supports = new ArrayList<>();
        private final List<Lexicon.Hit> negatives = new ArrayList<>();
        private final List<Lexicon.Hit> praises = new ArrayList<>();
        private final List<Lexicon.Hit> sarcasm = new ArrayList<>();
        private final List<Lexicon.Hit> threats = new ArrayList<>();
        private final List<Lexicon.Hit> hate = new ArrayList<>();
        private final List<Lexicon.Hit> insults = new ArrayList<>();
        private final List<Lexicon.Hit> contempt = new ArrayList<>();
        private final List<Lexicon.Hit> rude = new ArrayList<>();
        private final List<Lexicon.Hit> spam = new ArrayList<>();
        private final List<Lexicon.Hit> questions = new ArrayList<>();
        private final List<String> notes = new ArrayList<>();
        private final List<Lexicon.Hit> targetsYou = new ArrayList<>();
        private final List<Lexicon.Hit> conditions = new ArrayList<>();
        private boolean profanity;
        private boolean softened;
        private boolean rhetorical;
        private boolean content;
        private boolean context;
        private boolean things;
        private boolean quotedPraise;
        private int spamScore;
        private int questionScore;
        private int praiseScore;

        Analysis(List<Token> tokens, List<Lexicon.Hit> hits, TextScanner.Scan scan, String lang) {
            this.tokens = tokens;
            this.hits = hits;
            this.scan = scan;
            this.lang = lang;
            int n = tokens.size();
            negatorEnds = new boolean[n + 1];
            contrastAt = new boolean[n + 1];
            barrier = new boolean[n + 1];
            for (int i = 0; i < n; i++) {
                barrier[i] = tokens.get(i).isPunct();
            }
            for (Lexicon.Hit h : hits) {
                switch (h.kind()) {
                    case NEGATOR -> negatorEnds[h.end()] = true;
                    case CONTRAST -> {
                        contrastAt[h.start()] = true;
                        barrier[h.start()] = true;
                    }
                    default -> {
                    }
                }
            }
            gather();
        }

        private void gather() {
            List<Lexicon.Hit> targets = targetsYou;
            List<Lexicon.Hit> groups = new ArrayList<>();
            List<Lexicon.Hit> degrading = new ArrayList<>();
            List<Lexicon.Hit> hateVerbs = new ArrayList<>();
            List<Lexicon.Hit> mean = new ArrayList<>();
            for (Lexicon.Hit h : hits) {
                switch (h.kind()) {
                    case CONCERN -> {
                        if (h.cue().words().length == 1 ? negated(h) : negatedComplaint(h)) {
                            praiseScore += 1;
                            notes.add("negated complaint (" + phrase(h) + ")");
                        } else {
                            concerns.add(h);
                        }
                    }
                    case SUPPORT -> {
                        if (!negated(h)) {
                            supports.add(h);
                        }
                    }
                    case NEGATIVE -> {
                        if (negated(h)) {
                            praises.add(h);
                            praiseScore += 2;
                            notes.add("negation (" + negatedPhrase(h) + ")");
                        } else {
                            negatives.add(h);
                        }
                    }
                    case PRAISE -> {
                        if (h.cue().lang() != 'b' && tokens.get(h.start()).quoted()) {
                            quotedPraise = true;
                        } else if (negated(h)) {
                            negatives.add(h);
                            notes.add("negated praise (" + negatedPhrase(h) + ")");
                        } else {
                            praises.add(h);
                            praiseScore += h.cue().weight();
                        }
                    }
                    case SARCASM -> sarcasm.add(h);
                    case THREAT -> {
                        if (ownAddress(h)) {
                            notes.add("own personal data (" + phrase(h) + ")");
                        } else {
                            threats.add(h);
                        }
                    }
                    case SLUR -> hate.add(h);
                    case INSULT -> insults.add(h);
                    case MEAN -> mean.add(h);
                    case CONTEMPT -> contempt.add(h);
                    case RUDE -> rude.add(h);
                    case PROFANITY -> profanity = true;
                    case TARGET -> targets.add(h);
                    case GROUP -> groups.add(h);
                    case DEGRADE -> degrading.add(h);
                    case HATE_VERB -> hateVerbs.add(h);
                    case CONTENT -> content = true;
                    case CONTEXT -> {
                        context = true;
                        if (!tokens.get(h.start()).is(PRONOUNS)) {
                            things = true;
                        }
                    }
                    case SPAM -> {
                        spam.add(h);
                        spamScore += h.cue().weight();
                    }
                    case QUESTION -> {
                        questions.add(h);
                        questionScore += h.cue().weight();
                    }
                    case NOT_QUESTION -> rhetorical = true;
                    case CONDITION -> conditions.add(h);
                    case SOFTENER -> softened = true;
                    default -> {
                    }
                }
            }
            if (questionScore >= 2 && !conditions.isEmpty()) {
                concerns.removeIf(this::hypothetical);
                supports.removeIf(this::hypothetical);
            }
            if (scan.phone()) {
                spamScore += 2;
                spam.add(null);
            }
            for (Lexicon.Hit m : mean) {
                if (negated(m)) {
                    continue;
                }
                if (near(m, targets, TARGET_WINDOW) || near(m, groups, TARGET_WINDOW)) {
                    insults.add(m);
                }
            }
            for (Lexicon.Hit g : groups) {
                for (Lexicon.Hit d : degrading) {
                    if (d != g && d.start() != g.start() && Math.abs(d.start() - g.start()) <= 3) {
                        hate.add(d);
                    }
                }
            }
            for (Lexicon.Hit v : hateVerbs) {
                for (Lexicon.Hit g : groups) {
                    if (g.start() > v.start() && g.start() - v.end() <= 3) {
                        hate.add(g);
                    }
                }
                for (Lexicon.Hit g : insults) {
                    if (g.start() > v.start() && g.start() - v.end() <= 3) {
                        hate.add(g);
                    }
                }
            }
        }

        TriageResult decide() {
            if (!threats.isEmpty()) {
                return abuse(Severity.HIGH, threats);
            }
            if (!hate.isEmpty()) {
                return abuse(Severity.MEDIUM, hate);
            }
            if (spamScore >= 4) {
                return plain(Category.SPAM, spamReasons());
            }
            boolean abusive = !insults.isEmpty() || !contempt.isEmpty();
            boolean bareAccusation = abusive && bareAccusation();
            boolean actionable = !bareAccusation
                    && (!concerns.isEmpty() || sarcasm.stream().anyMatch(h -> h.cue().weight() >= 2) && !literalPraise());
            boolean aboutUs = context;
            boolean complaining = actionable || !negatives.isEmpty() && (aboutUs || !insults.isEmpty() || !contempt.isEmpty())
                    || !supports.isEmpty() && (quotedPraise || !sarcasm.isEmpty() || praiseThenHarm())
                    || statedFailure();
            if (complaining && !actionable && content && !abusive) {
                return abuse(Severity.LOW, negatives);
            }
            if (complaining && (actionable || !abusive) && !praiseWins()) {
                return concern();
            }
            if (abusive) {
                List<Lexicon.Hit> why = new ArrayList<>(insults);
                why.addAll(contempt);
                return abuse(Severity.MEDIUM, why);
            }
            if (spamScore >= 2 && praiseScore < spamScore + 2 && (spamScore >= 3 || questionScore < 2)) {
                return plain(Category.SPAM, spamReasons());
            }
            if (!rude.isEmpty()) {
                return abuse(Severity.LOW, rude);
            }
            boolean leadingMention = tokens.stream().anyMatch(t -> t.shape() == Token.Shape.MENTION);
            if (questionScore >= 2 && !rhetorical && !leadingMention) {
                return plain(Category.QUESTION, labels(questions));
            }
            if (praiseScore > 0) {
                List<String> reasons = labels(praises);
                if (profanity) {
                    reasons.add("casual profanity, not aimed at anyone");
                }
                return plain(Category.PRAISE, reasons);
            }
            List<String> reasons = new ArrayList<>();
            reasons.add(rhetorical || leadingMention && questionScore >= 2 ? "social chat, not asked of the company" : NO_CUE);
            return plain(Category.NEUTRAL, reasons);
        }

        /**
         * The advice for a comment the model judged a concern: severity and topic from whatever
         * complaint cues there are (medium when none, as for an ordinary service failure), the calm
         * reply in the comment's language.
         */
        TriageResult concernByModel() {
            return concern(2);
        }

        /** The advice for a comment the model judged abuse: medium (an insult), low when only mild rudeness fired. */
        TriageResult abuseByModel() {
            List<Lexicon.Hit> why = new ArrayList<>(insults);
            why.addAll(contempt);
            boolean mild = why.isEmpty() && !rude.isEmpty();
            why.addAll(rude);
            return abuse(mild ? Severity.LOW : Severity.MEDIUM, why);
        }

        /** "no hidden fees, just great service": a would-be sarcastic phrase among praise and nothing else negative. */
        private boolean literalPraise() {
            return praiseScore > 0 && concerns.isEmpty() && negatives.isEmpty() && supports.isEmpty() && !quotedPraise
                    && sarcasm.stream().allMatch(h -> h.cue().label().equals("ironic praise"));
        }

        /**
         * "scam company, f*** you", "useless clowns": the only complaint is a one-word accusation or verdict
         * (scam, fraud, useless, lừa đảo) thrown with insults, and nothing says what happened: that is abuse,
         * not a concern to answer.
         */
        private boolean bareAccusation() {
            if (concerns.isEmpty() || !supports.isEmpty() || !sarcasm.isEmpty()) {
                return false;
            }
            for (Lexicon.Hit h : concerns) {
                boolean accusation = h.cue().topic() == Topic.LEGAL && h.cue().label().startsWith("fraud")
                        || h.cue().label().equals("bare judgement");
                if (!accusation) {
                    return false;
                }
            }
            return true;
        }

        /**
         * The fallback before NEUTRAL: the writer plainly stating that something of the company's went wrong
         * ("my flight was cancelled", "we have been waiting for the order since Monday"): a medium-weight failure
         * word, a company object, the first person, and no question, praise or promotion around it.
         */
        private boolean statedFailure() {
            if (things && firstPerson() && questionScore < 2 && praiseScore == 0 && spamScore < 2) {
                for (Lexicon.Hit h : supports) {
                    if (h.cue().weight() == 2) {
                        return true;
                    }
                }
            }
            return false;
        }

        private boolean firstPerson() {
            for (Token t : tokens) {
                if (t.is(FIRST_PERSON)) {
                    return true;
                }
            }
            return false;
        }

        /** "my full name and home address": an address cue about the writer's own data, not doxxing someone. */
        private boolean ownAddress(Lexicon.Hit h) {
            boolean address = false;
            for (String w : h.cue().words()) {
                address |= w.equals("address") || w.equals("chỉ");
            }
            if (!address) {
                return false;
            }
            for (int i = Math.max(0, h.start() - 5); i < h.start(); i++) {
                if (tokens.get(i).is("my", "our", "tôi", "toi", "mình", "minh")) {
                    return true;
                }
            }
            return false;
        }

        /** "thanks for charging me ...": a thank-you or a "great" followed, in one sentence, by a money or safety fact. */
        private boolean praiseThenHarm() {
            for (Lexicon.Hit s : supports) {
                if (s.cue().weight() < 3) {
                    continue;
                }
                for (Lexicon.Hit p : praises) {
                    if (p.start() < s.start() && s.start() - p.end() <= 4 && !crossesBarrier(p.end(), s.start())) {
                        return true;
                    }
                }
            }
            return false;
        }

        private boolean crossesBarrier(int from, int to) {
            for (int i = from; i < to; i++) {
                if (tokens.get(i).isPunct() && !tokens.get(i).text().equals(",")) {
                    return true;
                }
            }
            return false;
        }

        /** With both praise and complaint, the side after the last "but" wins; otherwise the complaint does. */
        private boolean praiseWins() {
            if (praises.isEmpty()) {
                return false;
            }
            int lastContrast = -1;
            for (int i = 0; i < contrastAt.length; i++) {
                if (contrastAt[i]) {
                    lastContrast = i;
                }
            }
            if (lastContrast < 0) {
                return resolvedAfterwards();
            }
            int praiseAfter = 0;
            int complaintAfter = 0;
            for (Lexicon.Hit h : praises) {
                if (h.start() > lastContrast) {
                    praiseAfter += 2;
                }
            }
            for (List<Lexicon.Hit> list : List.of(concerns, negatives, sarcasm)) {
                for (Lexicon.Hit h : list) {
                    if (h.start() > lastContrast) {
                        complaintAfter += h.cue().weight();
                    }
                }
            }
            boolean high = concerns.stream().anyMatch(h -> h.cue().weight() >= 3);
            return !high && praiseAfter > 0 && complaintAfter == 0;
        }

        /**
         * "arrived broken, they replaced it the next day": the problem is told only to say it was put right. A
         * resolution after the last complaint, and nothing high (money, safety, data) in it.
         */
        private boolean resolvedAfterwards() {
            int lastComplaint = -1;
            for (List<Lexicon.Hit> list : List.of(concerns, negatives, sarcasm, supports)) {
                for (Lexicon.Hit h : list) {
                    lastComplaint = Math.max(lastComplaint, h.start());
                    if (h.kind() == Cue.Kind.CONCERN && h.cue().weight() >= 3) {
                        return false;
                    }
                }
            }
            for (Lexicon.Hit h : praises) {
                if (h.start() > lastComplaint && h.cue().label().equals("resolved")) {
                    return true;
                }
            }
            return false;
        }

        private TriageResult concern() {
            return concern(0);
        }

        /** @param floor the least severity level (1 low, 2 medium, 3 high) before softeners and shouting */
        private TriageResult concern(int floor) {
            int level = floor;
            Lexicon.Hit topicHit = null;
            List<Lexicon.Hit> decisive = new ArrayList<>(concerns);
            decisive.addAll(sarcasm);
            decisive.addAll(negatives);
            for (Lexicon.Hit h : concerns) {
                level = Math.max(level, h.cue().weight());
                topicHit = better(topicHit, h);
            }
            for (Lexicon.Hit h : supports) {
                if (h.cue().weight() > level) {
                    decisive.add(h);
                }
                level = Math.max(level, h.cue().weight());
                topicHit = better(topicHit, h);
            }
            if (!negatives.isEmpty() || !sarcasm.isEmpty()) {
                level = Math.max(level, 2);
            }
            boolean loud = scan.allCaps() || scan.exclamations() >= 3;
            if (level == 2 && softened && !loud && sarcasm.isEmpty()) {
                level = 1;
                notes.add("softened");
            } else if (level == 1 && (loud || profanity)) {
                level = 2;
            }
            Severity severity = level >= 3 ? Severity.HIGH : level == 2 ? Severity.MEDIUM : Severity.LOW;
            Topic topic = topicHit == null ? Topic.GENERAL : topicHit.cue().topic();
            List<String> reasons = labels(decisive);
            if (!sarcasm.isEmpty() || quotedPraise) {
                reasons.add("sarcasm");
            }
            if (scan.allCaps()) {
                reasons.add("all caps");
            }
            if (profanity || !contempt.isEmpty() || !insults.isEmpty()) {
                reasons.add("angry wording, but a real complaint");
            }
            reasons.addAll(notes);
            return new TriageResult(Category.CONCERN, severity, lang, trim(reasons),
                    Replies.forConcern(topic, severity, lang));
        }

        private static Lexicon.Hit better(Lexicon.Hit current, Lexicon.Hit candidate) {
            if (candidate.cue().topic() == Topic.GENERAL) {
                return current;
            }
            if (current == null || candidate.cue().weight() > current.cue().weight()) {
                return candidate;
            }
            return current;
        }

        private TriageResult abuse(Severity severity, List<Lexicon.Hit> why) {
            List<String> reasons = labels(why);
            if (severity != Severity.HIGH && concerns.isEmpty()) {
                reasons.add("nothing actionable");
            }
            if (scan.allCaps()) {
                reasons.add("all caps");
            }
            return new TriageResult(Category.ABUSE, severity, lang, trim(reasons), Replies.forAbuse(severity));
        }

        private TriageResult plain(Category category, List<String> reasons) {
            return new TriageResult(category, Severity.NONE, lang, trim(reasons), null);
        }

        private List<String> spamReasons() {
            List<String> reasons = new ArrayList<>();
            for (Lexicon.Hit h : spam) {
                reasons.add(h == null ? "phone number" : label(h));
            }
            return reasons;
        }

        private List<String> labels(List<Lexicon.Hit> list) {
            List<String> out = new ArrayList<>();
            for (Lexicon.Hit h : list) {
                out.add(label(h));
            }
            return out;
        }

        private String label(Lexicon.Hit h) {
            String label = h.cue().label();
            return "-".equals(label) ? phrase(h) : label + " (" + phrase(h) + ")";
        }

        private String phrase(Lexicon.Hit h) {
            StringBuilder out = new StringBuilder();
            for (int i = h.start(); i < h.end(); i++) {
                if (!out.isEmpty()) {
                    out.append(' ');
                }
                out.append(tokens.get(i).text());
            }
            return out.toString();
        }

        private String negatedPhrase(Lexicon.Hit h) {
            int from = h.start();
            while (from > 0 && !negatorEnds[from]) {
                from--;
            }
            int start = from;
            while (start > 0 && h.start() - start < NEGATION_WINDOW + 2 && !tokens.get(start - 1).isPunct()) {
                start--;
                if (negatorEnds[start]) {
                    break;
                }
            }
            StringBuilder out = new StringBuilder();
            for (int i = Math.max(0, from - 1); i < h.end(); i++) {
                if (!out.isEmpty()) {
                    out.append(' ');
                }
                out.append(tokens.get(i).text());
            }
            return out.toString();
        }

        /**
         * A complaint phrase right after a negator ("no hidden fees", "không có phí ẩn", "never been charged
         * twice"), unless the phrase carries its own negation ("no refund").
         */
        private boolean negatedComplaint(Lexicon.Hit h) {
            if (isNegatorWord(tokens.get(h.start()))) {
                return false;
            }
            int k = h.start();
            if (k > 0 && tokens.get(k - 1).is("any", "a", "the", "been", "co", "bi", "gi")) {
                k--;
            }
            return negatorEnds[k];
        }

        private static boolean isNegatorWord(Token t) {
            return t.is("no", "not", "never", "nothing", "nobody", "without", "khong", "chua", "chang", "cha");
        }

        /** A complaint word inside "if ..." / "nếu ..." in a question: "what if my flight is delayed?". */
        private boolean hypothetical(Lexicon.Hit h) {
            for (Lexicon.Hit c : conditions) {
                if (c.start() < h.start() && h.start() - c.end() <= 6 && !crossesBarrier(c.end(), h.start())) {
                    return true;
                }
            }
            return false;
        }

        /** A negator ends within a few tokens before the hit, with no punctuation or "but" between. */
        private boolean negated(Lexicon.Hit h) {
            for (int k = h.start(); k >= Math.max(0, h.start() - NEGATION_WINDOW); k--) {
                if (negatorEnds[k]) {
                    return true;
                }
                if (k > 0 && barrier[k - 1]) {
                    return false;
                }
            }
            return false;
        }

        private static boolean near(Lexicon.Hit h, List<Lexicon.Hit> others, int window) {
            for (Lexicon.Hit o : others) {
                if (o.start() != h.start() && (Math.abs(o.start() - h.start()) <= window || Math.abs(o.end() - h.end()) <= window)) {
                    return true;
                }
            }
            return false;
        }

        private static List<String> trim(List<String> reasons) {
            Set<String> unique = new LinkedHashSet<>(reasons);
            List<String> out = new ArrayList<>(unique);
            return out.size() > MAX_REASONS ? out.subList(0, MAX_REASONS) : out;
        }
    }
}
