async def pull_supplier_feed(items):
    for item in items:
        await item.refresh()
