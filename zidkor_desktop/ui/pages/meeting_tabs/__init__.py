"""The tabs of the meetings area: agenda, invitation, attendance, votes, minutes, resolutions."""
