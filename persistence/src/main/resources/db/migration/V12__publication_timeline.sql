-- Whether the published wrap-up carries the full timeline. A wrap-up from a private
-- channel leaves it out unless the facilitator ticks it when confirming; the web page
-- reached from the learnings channel follows the same choice.
ALTER TABLE publication ADD COLUMN include_timeline BOOLEAN DEFAULT TRUE NOT NULL;
