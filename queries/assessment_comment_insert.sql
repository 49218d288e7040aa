INSERT INTO assessment_comment (id, assessment_id, question, author, author_name, at, body) VALUES ($1, $2, $3, $4, $5, $6, $7)
