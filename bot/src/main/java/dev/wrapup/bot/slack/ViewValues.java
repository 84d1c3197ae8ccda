package dev.wrapup.bot.slack;

import com.slack.api.model.view.ViewState;
import java.util.List;
import java.util.Map;

/** Reads a submitted modal's inputs, each in a block whose id is also its action id. */
public final class ViewValues {
    private ViewValues() {}

    public static String text(Map<String, Map<String, ViewState.Value>> values, String block) {
        Map<String, ViewState.Value> b = values.get(block);
        return b == null || b.get(block) == null ? null : b.get(block).getValue();
    }

    /** The values of the options ticked in a checkboxes input. */
    public static List<String> ticked(
            Map<String, Map<String, ViewState.Value>> values, String block) {
        Map<String, ViewState.Value> b = values == null ? null : values.get(block);
        if (b == null || b.get(block) == null || b.get(block).getSelectedOptions() == null) {
            return List.of();
        }
        return b.get(block).getSelectedOptions().stream().map(o -> o.getValue()).toList();
    }

    /** The value of the option chosen in a select, or null when none is. */
    public static String selected(Map<String, Map<String, ViewState.Value>> values, String block) {
        ViewState.Value v = value(values, block);
        return v == null || v.getSelectedOption() == null ? null : v.getSelectedOption().getValue();
    }

    /** The user chosen in a users select, or null. */
    public static String user(Map<String, Map<String, ViewState.Value>> values, String block) {
        ViewState.Value v = value(values, block);
        return v == null ? null : v.getSelectedUser();
    }

    /** The day picked in a date picker as Slack sends it (yyyy-mm-dd), or null. */
    public static String date(Map<String, Map<String, ViewState.Value>> values, String block) {
        ViewState.Value v = value(values, block);
        return v == null ? null : v.getSelectedDate();
    }

    private static ViewState.Value value(
            Map<String, Map<String, ViewState.Value>> values, String block) {
        Map<String, ViewState.Value> b = values == null ? null : values.get(block);
        return b == null ? null : b.get(block);
    }
}
