"""uclab.drill.menu: the draw pool."""


def test_the_draw_pool_names_catalogue_faults_once_each():
    from uclab.drill.menu import POOL
    from uclab.faults import FAULTS

    assert len(set(POOL)) == len(POOL)
    assert set(POOL) <= set(FAULTS)
