SELECT id, assessment_id, question, author, author_name, at, body FROM assessment_comment WHERE assessment_id = $1 ORDER BY at, id
