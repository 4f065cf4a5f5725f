"""The staff console: server-rendered pages (Jinja2, no CDN, no build step) for content
editors now, and for volunteers, district teams and admins as they arrive.

``bot.console.routes.install(app)`` adds the pages, the static files and the sign-in
handling to the ASGI app. Everything staff read comes from the ``console`` message
catalog (nl and en).
"""
