package io.neurofm.probe.split;

/**
 * What a split must keep apart. Within-subject protocols may mix a subject's epochs across train
 * and test; cross-subject ones may not share a subject, cross-session ones may not share a
 * (subject, session).
 */
public enum Protocol {
    WITHIN_SUBJECT,
    CROSS_SESSION,
    CROSS_SUBJECT
}
