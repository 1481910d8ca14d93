"""nbgrader configuration of the course: three assignments that follow the lessons (assessment/source/).

Run nbgrader from this folder (the course directory). On a hub the exchange is shared by the lecturer and the
students; set its folder here or in each user's nbgrader_config.py (README, "A whole class").
"""
c = get_config()  # noqa: F821

c.CourseDirectory.course_id = "neurodynamics"
# The released notebooks ask for an answer in each answer cell; an unanswered cell raises, so it scores 0.
c.ClearSolutions.code_stub = {"python": "# YOUR CODE HERE\nraise NotImplementedError()"}
c.ClearSolutions.text_stub = "YOUR ANSWER HERE"
# A student's notebook runs the model a few dozen times: give each cell time on a busy 2-core server.
c.Execute.timeout = 300
# Where the exchange lives on your hub (shared by lecturer and students; nbgrader's default is /srv/nbgrader/exchange):
# c.Exchange.root = "/srv/nbgrader/exchange"
