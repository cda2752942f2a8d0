-- Chat channels: an outbound endpoint can be a Slack-compatible incoming webhook (Slack,
-- Mattermost, Rocket.Chat), and any endpoint can be limited to one workflow's items.
ALTER TABLE webhook_endpoints ADD COLUMN flavor TEXT NOT NULL DEFAULT 'standard';
ALTER TABLE webhook_endpoints ADD COLUMN workflow_id TEXT;
-- Chat URLs take at most one message a second, and wait as long as a 429 asks: the next
-- message to this endpoint goes no earlier than this.
ALTER TABLE webhook_endpoints ADD COLUMN next_send_at TIMESTAMPTZ;
