# The conversation framed on another site, its sign-in popup and its policies.
