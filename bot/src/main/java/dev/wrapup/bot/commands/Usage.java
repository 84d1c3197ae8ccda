package dev.wrapup.bot.commands;

/** The usage text of each slash command, as the people typing them see it. */
public final class Usage {
    private Usage() {}

    public static final String INCIDENT =
            String.join(
                    "\n",
                    "*/incident* — run an incident from declare to resolve",
                    "• `/incident declare [sev1-sev4] <title>` — open a new incident channel (no title: a form)",
                    "• `/incident declare here [sev1-sev4] <title>` — make this channel the incident channel",
                    "• `/incident status investigating|identified|monitoring` — change the status",
                    "• `/incident sev sev1-sev4` — change the severity",
                    "• `/incident commander @user` — hand over command (the commander or an admin)",
                    "• `/incident note <text>` — mark a key moment on the timeline",
                    "• `/incident resolve [summary]` — resolve; the analysis call is scheduled",
                    "• `/incident timeline` — what the timeline holds so far",
                    "• `/incident help` — this text");

    public static final String WRAPUP =
            String.join(
                    "\n",
                    "*/wrapup* — the blameless review after an incident (or a success)",
                    "• `/wrapup well <text>` · `/wrapup wrong <text>` · `/wrapup better <text>` — your comment on "
                            + "what went well, what went wrong, what we could do better next time",
                    "• `/wrapup status` — who has commented, who has not, and when the call is",
                    "• `/wrapup schedule <yyyy-mm-dd HH:mm> [Area/City]` — move the analysis call (facilitator)",
                    "• `/wrapup facilitator @user` — set the facilitator (the commander or the facilitator)",
                    "• `/wrapup remind [now|off|on]` — remind who has not commented now, or stop/resume the reminders "
                            + "(facilitator)",
                    "• `/wrapup action [kind] @owner <text> [due yyyy-mm-dd]` — add an action item; kind is "
                            + "fix (the default), guardrail, detection, process or training",
                    "• `/wrapup action done <n>` · `/wrapup action wontdo <n> <why>` · "
                            + "`/wrapup action reopen <n>` — close an action item, or open it again",
                    "• `/wrapup start <title>` — a wrap-up for something that was not an incident, in this channel",
                    "• `/wrapup publish` — post the wrap-up to the learnings channel (facilitator)",
                    "• `/wrapup help` — this text");

    public static final String MAINTENANCE =
            String.join(
                    "\n",
                    "*/maintenance* — a planned change, with a wrap-up whatever the outcome",
                    "• `/maintenance plan <title> from <yyyy-mm-dd HH:mm> to <yyyy-mm-dd HH:mm> [Area/City]` — plan a window in this channel",
                    "• `/maintenance step @owner <text>` — add the next numbered step",
                    "• `/maintenance done <n>` · `/maintenance failed <n> <why>` — mark a step",
                    "• `/maintenance begin` · `/maintenance end` — start and finish the window",
                    "• `/maintenance impact <text>` — record production impact",
                    "• `/maintenance help` — this text");
}
