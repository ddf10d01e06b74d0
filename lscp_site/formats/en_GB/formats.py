# How Django itself writes dates (the admin's lists and date columns), as close as its format
# letters come to the site's own "12 July 2022, 10am" (partnership.dates.moment).
DATE_FORMAT = "j F Y"
SHORT_DATE_FORMAT = "j F Y"
DATETIME_FORMAT = "j F Y, P"
SHORT_DATETIME_FORMAT = "j F Y, P"
