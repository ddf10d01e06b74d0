"""Django's Redis cache backend, without a new client object for every call.

Django's RedisCacheClient builds a fresh ``redis.Redis`` around its connection pool on every
``get`` or ``set``. Constructing one costs about 60 µs with redis-py 8, and every page served
reads the content version from the cache, so this was a third of what a cached page costs. One
client per pool is what redis-py intends: the pool hands each command a connection.
"""

from django.core.cache.backends import redis


class RedisCacheClient(redis.RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        if pool not in self._clients:
            self._clients[pool] = self._client(connection_pool=pool)
        return self._clients[pool]


class RedisCache(redis.RedisCache):
    """Use as ``BACKEND``; settings.py swaps it in for Django's when CACHE_URL is redis://."""

    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = RedisCacheClient
