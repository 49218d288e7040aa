DELETE FROM job WHERE done_at IS NOT NULL AND done_at < $1
