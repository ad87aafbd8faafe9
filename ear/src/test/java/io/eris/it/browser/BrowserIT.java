package io.eris.it.browser;

import java.io.File;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The browser scenarios against the EAR as built, deployed by Arquillian on the managed test domain
 * (`mvn verify`, `./eris test`). With {@code -Deris.browser.node=URL} the scenarios run against
 * that node instead ({@link RunningNodeBrowserIT}) and this class is skipped.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@DisabledIfSystemProperty(named = "eris.browser.node", matches = ".+")
class BrowserIT extends BrowserScenarios {

  @Deployment(name = "eris", testable = false)
  static EnterpriseArchive deployment() {
    String ear = System.getProperty("eris.it.ear");
    if (ear == null || !new File(ear).isFile()) {
      throw new IllegalStateException(
          "the EAR (system property eris.it.ear: " + ear + ") is missing: build it first");
    }
    return ShrinkWrap.createFromZipFile(EnterpriseArchive.class, new File(ear));
  }
}
