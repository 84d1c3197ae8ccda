package dev.wrapup.bot.commands;

import dev.wrapup.bot.commands.SlashCommand.BadArguments;
import dev.wrapup.domain.input.DateInput;
import dev.wrapup.domain.input.InputRefused;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Optional;

/** A time as `/wrapup schedule` takes it: "yyyy-mm-dd HH:mm", then an optional Area/City. */
public record When(LocalDateTime local, Optional<ZoneId> zone) {
    /**
     * A wrong shape gets the usage; a date or zone that does not exist, the one line saying why.
     */
    public static When parse(String args, String usage) throws BadArguments, InputRefused {
        String[] words = args.strip().split("\\s+");
        if (words.length < 2 || words.length > 3) {
            throw new BadArguments(
                    "Give the date and time as `" + usage + " <yyyy-mm-dd HH:mm> [Area/City]`.");
        }
        LocalDateTime local = DateInput.dateTime(words[0] + " " + words[1]);
        Optional<ZoneId> zone =
                words.length == 3 ? Optional.of(DateInput.zone(words[2])) : Optional.empty();
        return new When(local, zone);
    }
}
