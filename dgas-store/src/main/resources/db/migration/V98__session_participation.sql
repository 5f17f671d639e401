-- Partial fills (issue 14): a paper session may cap each fill at a fraction of the bar's volume; 0 means no cap.
ALTER TABLE trading_sessions ADD COLUMN max_participation double precision NOT NULL DEFAULT 0;
ALTER TABLE trading_sessions ADD CONSTRAINT trading_sessions_participation_check
    CHECK (max_participation >= 0 AND max_participation <= 1);
