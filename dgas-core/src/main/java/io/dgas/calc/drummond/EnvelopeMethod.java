package io.dgas.calc.drummond;

/** The envelope offset methods of drummond.md §2; {@link #code()} is the file-name and CLI form. */
public enum EnvelopeMethod {
    PLDOT_RANGE("pldot_range"),
    HLC_RANGE("hlc_range"),
    ATR("atr"),
    PERCENTAGE("percentage");

    private final String code;

    EnvelopeMethod(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }
}
