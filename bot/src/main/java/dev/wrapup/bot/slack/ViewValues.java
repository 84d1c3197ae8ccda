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
}
