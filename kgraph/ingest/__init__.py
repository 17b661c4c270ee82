"""Reading inputs and cutting them into articles: read → normalise → segment."""
