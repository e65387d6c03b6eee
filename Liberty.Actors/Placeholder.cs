namespace Liberty.Actors;
