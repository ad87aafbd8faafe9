package io.eris.it.browser;

import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The browser scenarios against a node that is already running, e.g. the one `./eris run` starts:
 * {@code mvn -o -pl ear test-compile failsafe:integration-test failsafe:verify
 * -Dit.test=RunningNodeBrowserIT -Deris.browser.node=http://127.0.0.1:8080/}. The node must have
 * dev enrolment on (as `./eris run` sets it).
 */
@EnabledIfSystemProperty(named = "eris.browser.node", matches = ".+")
class RunningNodeBrowserIT extends BrowserScenarios {}
