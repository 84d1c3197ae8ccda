package dev.wrapup.bot.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks a class of tests that open pages in a real Chromium: each test method may take a {@link
 * Browser} parameter. The tag lets {@code -Dgroups=browser} run them alone; the normal build runs
 * them with the rest (name the class {@code ...BrowserTest}, so that surefire picks it up).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Tag("browser")
@ExtendWith(BrowserExtension.class)
public @interface BrowserTest {}
