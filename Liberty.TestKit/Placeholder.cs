namespace Liberty.TestKit;
