package io.eris.light.service;

/** Whether a node answered with verified data recently, for the readiness check. */
public record ReadyState(boolean up, String detail, String lastNode) {}
