"""Django's Redis cache, with one redis-py client per connection pool instead of one per
cache call.

Django's `RedisCacheClient.get_client` builds a new `redis.Redis` for every get, set and
get_many. redis-py fills a table of several hundred response callbacks in that
constructor, which cost a page-cache hit about 1 ms of CPU, four times the rest of the
hit (bench/profile_pages.py with CACHE_URL set). A `redis.Redis` is safe to share
between threads (each command takes a connection from the pool), so one per pool is
kept. Everything else, including the choice of server, is Django's.
"""

from django.core.cache.backends.redis import RedisCache, RedisCacheClient


class SharedClientRedisCacheClient(RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        index = self._get_connection_pool_index(write)
        client = self._clients.get(index)
        if client is None:
            if index not in self._pools:
                self._pools[index] = self._pool_class.from_url(
                    self._servers[index], **self._pool_options
                )
            client = self._clients[index] = self._client(
                connection_pool=self._pools[index]
            )
        return client


class SharedClientRedisCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = SharedClientRedisCacheClient
