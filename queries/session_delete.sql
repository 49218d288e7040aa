DELETE FROM user_session WHERE id_hash = $1
