"""netbuilder.qt"""
