// The platforms the desk publishes to, as the API names them (core's Platform ids).
export const PLATFORMS = ['mastodon', 'bluesky', 'x', 'linkedin', 'facebook', 'instagram', 'threads', 'discord', 'slack', 'telegram'] as const;
