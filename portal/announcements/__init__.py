"""Who hears about what: the portal's domain events turned into notifications.

The domain services call :mod:`portal.announcements.offers` and
:mod:`portal.announcements.leases` at the point where a change happens, so the
notification is written in the same transaction as the change (and rolled back with
it); :mod:`portal.announcements.reminders` finds what is due by date, for a daily cron
run. Writing the notification itself is :func:`portal.notifications.services.notify`.
"""
