package io.dialer.media.amd;

/**
 * Tuning of {@link AmdDetector}. The timing rules are the classic ones of
 * dialer AMD (as in Asterisk's app_amd); the defaults were tuned on the
 * synthetic corpus of {@code AmdCorpusTest} and fit ordinary phone greetings.
 * All times are milliseconds of callee audio after answer.
 *
 * @param initialSilenceMillis      no speech at all for this long means machine (a
 *                                  voicemail that waits, or a dead line); default 2,500
 * @param greetingMillis            more voiced time than this in the first greeting
 *                                  means machine: people say "Hello?" (under a second) and
 *                                  wait; recorded greetings run on; default 1,500
 * @param afterGreetingSilenceMillis a pause this long after a short greeting means human:
 *                                  the person waits for the caller to speak; default 800
 * @param totalAnalysisMillis       give up with {@link Verdict#UNKNOWN} after this; default 5,000
 * @param minWordMillis             a burst of voice shorter than this (a click, a breath)
 *                                  is not a word; default 100
 * @param betweenWordsSilenceMillis a pause at least this long ends a word; shorter ones are
 *                                  bridged (hangover), so stop consonants do not split
 *                                  words; default 50
 * @param maximumWords              this many words without a long pause means machine;
 *                                  default 4
 * @param speechMarginDb            a frame is voiced when it is this much louder than the
 *                                  noise floor; default 12
 * @param minSpeechDbfs             and louder than this absolute level, so a quiet line's
 *                                  hiss never counts as voice; default -45 dBFS
 */
public record AmdSettings(
        int initialSilenceMillis,
        int greetingMillis,
        int afterGreetingSilenceMillis,
        int totalAnalysisMillis,
        int minWordMillis,
        int betweenWordsSilenceMillis,
        int maximumWords,
        double speechMarginDb,
        double minSpeechDbfs) {

    public AmdSettings {
        positive("initialSilenceMillis", initialSilenceMillis);
        positive("greetingMillis", greetingMillis);
        positive("afterGreetingSilenceMillis", afterGreetingSilenceMillis);
        positive("totalAnalysisMillis", totalAnalysisMillis);
        positive("minWordMillis", minWordMillis);
        positive("betweenWordsSilenceMillis", betweenWordsSilenceMillis);
        positive("maximumWords", maximumWords);
        if (speechMarginDb <= 0 || minSpeechDbfs >= 0) {
            throw new IllegalArgumentException("need speechMarginDb > 0 and minSpeechDbfs < 0, got "
                    + speechMarginDb + ", " + minSpeechDbfs);
        }
        if (betweenWordsSilenceMillis >= afterGreetingSilenceMillis) {
            // Otherwise a pause could end the greeting before it ends the word.
            throw new IllegalArgumentException("betweenWordsSilenceMillis must be below afterGreetingSilenceMillis");
        }
    }

    /** The documented defaults. */
    public static AmdSettings defaults() {
        return new AmdSettings(2500, 1500, 800, 5000, 100, 50, 4, 12, -45);
    }

    private static void positive(String name, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be > 0, got " + value);
        }
    }
}
