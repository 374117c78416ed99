-- The recipients the channel card shows: people enrolled after the announcement (the card's
-- Enrol button) change the counter's denominator, so the card is updated for them too.
-- Null for broadcasts made before: their counter follows completions until the next update.
ALTER TABLE "Broadcast" ADD COLUMN "shownTotal" INTEGER;
