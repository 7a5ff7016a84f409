package socialdesk.core.triage;

/**
 * One lexicon entry: a phrase and what it says about a comment.
 *
 * @param kind   what the phrase signals
 * @param weight severity for concerns (3 high, 2 medium, 1 low) or a score for the other kinds
 * @param topic  the subject of a concern, {@link Topic#GENERAL} otherwise
 * @param lang   'e' English only, 'v' Vietnamese only, 'b' both
 * @param label  the short reason reported when this cue decides
 * @param words  the phrase: words (with diacritics where they matter), {@code <num>}, {@code <money>},
 *               {@code <url>}, {@code <mention>}, a word ending in {@code *} for a prefix, a word starting
 *               with {@code =} that only matches with its own diacritics, or
 *               {@code ~} for a gap of up to three words
 */
record Cue(Kind kind, int weight, Topic topic, char lang, String label, String[] words) {

    enum Kind {
        /** An actionable complaint. */
        CONCERN,
        /** Supports a complaint, or sets its topic and severity, but is not one on its own ("refund?"). */
        SUPPORT,
        /** A negative judgement ("terrible"); turns to praise when negated ("not bad"). */
        NEGATIVE,
        /** Sarcasm that, with or without a complaint, shows one ("thanks for nothing"). */
        SARCASM,
        /** Threat of violence or of exposing someone's home or identity. */
        THREAT,
        /** Slurs and dehumanising phrases about a group. */
        SLUR,
        /** Words that insult a person by themselves ("idiot"). */
        INSULT,
        /** Insulting adjectives that need a person or group nearby ("stupid" ... "people"). */
        MEAN,
        /** Profanity or contempt aimed at someone or something ("f*** this shop", "go to hell"). */
        CONTEMPT,
        /** Mild rudeness and mockery ("cringe", "log off"). */
        RUDE,
        /** Profanity not aimed at anyone (an intensifier). */
        PROFANITY,
        /** Who an insult is aimed at. */
        TARGET,
        /** A group of people (for hate: group + degrading word). */
        GROUP,
        /** Degrading words that are hate when said about a group. */
        DEGRADE,
        /** Verbs of hate or exclusion aimed at a group. */
        HATE_VERB,
        /** Words that show a remark is about the company, its people or what it sells. */
        CONTEXT,
        /** Things a company posts: criticising them is rudeness, not a service complaint. */
        CONTENT,
        SPAM,
        QUESTION,
        /** Rhetorical or social questions that are not asked of the company. */
        NOT_QUESTION,
        PRAISE,
        NEGATOR,
        SOFTENER,
        /** Opens a hypothetical ("if", "nếu"): a complaint word after it, in a question, is asked about, not reported. */
        CONDITION,
        CONTRAST,
        /** Phrases whose words must not trigger anything else ("cười đau bụng", "late-night"). */
        IGNORE
    }
}
