/**
 * What Slack sends the bot and what its Web API answers, built one way for the two stand-ins of
 * Slack: the demo's and the tests' fake. The bot itself reads these shapes through Bolt.
 */
package dev.wrapup.bot.slack.shapes;
