package io.neurofm.signal.io.fif;

/** The FIFF constants this reader uses (values from the FIFF specification, as MNE's constants.py lists them). */
final class Fiff {
    private Fiff() {
    }

    // tag kinds: file structure
    static final int FILE_ID = 100;
    static final int DIR_POINTER = 101;
    static final int DIR = 102;
    static final int BLOCK_ID = 103;
    static final int BLOCK_START = 104;
    static final int BLOCK_END = 105;
    static final int PARENT_BLOCK_ID = 110;

    // tag kinds: measurement info
    static final int NCHAN = 200;
    static final int SFREQ = 201;
    static final int CH_INFO = 203;
    static final int MEAS_DATE = 204;
    static final int COMMENT = 206;
    static final int FIRST_SAMPLE = 208;
    static final int LOWPASS = 219;
    static final int HIGHPASS = 223;
    static final int DATA_BUFFER = 300;
    static final int DATA_SKIP = 301;
    static final int REF_ROLE = 115;
    static final int MNE_CH_NAME_LIST = 3507;
    static final int MNE_BASELINE_MIN = 3568;
    static final int MNE_BASELINE_MAX = 3569;

    // tag kinds inside an extended channel info block (FIFFB_CH_INFO)
    static final int CH_SCAN_NO = 250;
    static final int CH_LOGICAL_NO = 251;
    static final int CH_KIND = 252;
    static final int CH_RANGE = 253;
    static final int CH_CAL = 254;
    static final int CH_LOC = 255;
    static final int CH_UNIT = 256;
    static final int CH_UNIT_MUL = 257;
    static final int CH_DACQ_NAME = 258;
    static final int CH_COIL_TYPE = 350;

    // block kinds
    static final int B_MEAS = 100;
    static final int B_MEAS_INFO = 101;
    static final int B_RAW_DATA = 102;
    static final int B_CONTINUOUS_DATA = 112;
    static final int B_CH_INFO = 113;
    static final int B_REF = 118;
    static final int B_IAS_RAW_DATA = 119;
    static final int B_PROJ_ITEM = 314;
    static final int B_MNE_BAD_CHANNELS = 359;
    static final int B_MNE_CTF_COMP_DATA = 371;
    static final int B_MNE_ANNOTATIONS = 3810;

    // tag data types
    static final int T_SHORT = 2;
    static final int T_INT = 3;
    static final int T_FLOAT = 4;
    static final int T_DOUBLE = 5;
    static final int T_STRING = 10;
    static final int T_DAU_PACK16 = 16;
    static final int T_COMPLEX_FLOAT = 20;
    static final int T_COMPLEX_DOUBLE = 21;
    static final int T_CH_INFO_STRUCT = 30;
    static final int T_ID_STRUCT = 31;
    static final int T_DIR_ENTRY_STRUCT = 32;

    // channel kinds
    static final int CH_MEG = 1;
    static final int CH_EEG = 2;
    static final int CH_STIM = 3;
    static final int CH_EOG = 202;
    static final int CH_EMG = 302;
    static final int CH_ECG = 402;

    // coil types that keep an EEG channel an EEG channel (MNE: eeg, bipolar, none)
    static final int COIL_NONE = 0;
    static final int COIL_EEG = 1;
    static final int COIL_EEG_BIPOLAR = 5;

    // units
    static final int UNIT_T = 112;
    static final int UNIT_T_M = 201;

    static final int NEXT_SEQUENTIAL = 0;
    static final int NEXT_NONE = -1;
    static final int ROLE_NEXT_FILE = 2;

    /** FIFF's "no date" marker (secs 0, usecs 2^31-1). */
    static final int DATE_NONE_SECS = 0;
    static final int DATE_NONE_USECS = Integer.MAX_VALUE;

    static String typeName(int type) {
        return switch (type) {
            case T_SHORT -> "short";
            case T_INT -> "int";
            case T_FLOAT -> "float";
            case T_DOUBLE -> "double";
            case T_DAU_PACK16 -> "dau_pack16";
            case T_COMPLEX_FLOAT -> "complex float";
            case T_COMPLEX_DOUBLE -> "complex double";
            case T_STRING -> "string";
            default -> "type " + type;
        };
    }
}
